package dev.cluster.runtime.deploy.stack;

import dev.cluster.runtime.deploy.ClasspathResource;
import dev.cluster.runtime.deploy.ClusterDescriptor;
import dev.cluster.runtime.deploy.console.DeployException;
import java.nio.charset.StandardCharsets;

/** The generated CloudFormation template, sent inline with each change set. */
public final class TemplateBody {
    /** CloudFormation's limit for a TemplateBody; larger templates have to go through S3. */
    static final int MAX_INLINE_BYTES = 51_200;

    private TemplateBody() {
    }

    public static String of(ClusterDescriptor cluster) {
        String body = ClasspathResource.read(cluster.templateResource());
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_INLINE_BYTES) {
            throw new DeployException("template " + cluster.templateResource() + " is " + bytes
                    + " bytes; CloudFormation takes at most " + MAX_INLINE_BYTES + " inline and uploading it to S3 is not supported yet");
        }
        return body;
    }
}
