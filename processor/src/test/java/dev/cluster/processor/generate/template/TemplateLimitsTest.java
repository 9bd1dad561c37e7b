package dev.cluster.processor.generate.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.testing.Models;
import dev.cluster.processor.validate.Problem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateLimitsTest {
  /** {@code count} services on workers, each used by a client on main: one security-group opening each. */
  private static List<Problem> problemsWithOpenings(int count) {
    List<ServiceSpec> services = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      services.add(Models.service("api" + i, "workers", 1, 20000 + i));
    }
    String[] used = services.stream().map(ServiceSpec::name).toArray(String[]::new);
    services.add(Models.uses(Models.service("client", "main", 1), used));
    return TemplateLimits.problems(Models.model(List.of(Models.main(), Models.workers()), services));
  }

  @Test
  void aTemplateOverFiveHundredResourcesIsAnError() {
    List<Problem> problems = problemsWithOpenings(480);
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).message().startsWith(
        "[template-limits] cluster demo needs 508 CloudFormation resources but a stack holds at most 500"),
        problems.get(0).message());
  }

  @Test
  void aTemplateWithinTheLimitsIsFine() {
    assertEquals(List.of(), problemsWithOpenings(400));
  }
}
