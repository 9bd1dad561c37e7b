# The team's builds, for the image test: one builder whose build writes a file, started by a change sent
# with `buildbot sendchange`. The generated master.cfg runs this file with c (its config dict) in scope.
from buildbot.plugins import changes, schedulers, steps, util

c['change_source'].append(changes.PBChangeSource(user='change', passwd='change-secret'))
c['schedulers'].append(schedulers.SingleBranchScheduler(
    name='on-change', change_filter=util.ChangeFilter(branch='main'), treeStableTimer=None,
    builderNames=['hello']))
factory = util.BuildFactory([
    steps.ShellCommand(name='say hello', command=['sh', '-c', 'echo hello from the build > result.txt']),
])
c['builders'].append(util.BuilderConfig(name='hello', workernames=[w.workername for w in c['workers']],
                                        factory=factory))
