package dev.cluster.processor.generate.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cluster.processor.diag.Problem;
import dev.cluster.processor.model.ClusterModel;
import dev.cluster.processor.model.SecretSpec;
import dev.cluster.processor.model.ServiceSpec;
import dev.cluster.processor.testing.Models;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** IAM's 10,240 characters of inline policies per role, on the node groups' roles. */
class RolePolicySizesTest {
  /**
   * One service on workers reading {@code count} secrets {@code secret-000}, {@code secret-001}...
   */
  private static ClusterModel withSecrets(int count) {
    List<String> names =
        IntStream.range(0, count).mapToObj(i -> "secret-%03d".formatted(i)).toList();
    List<SecretSpec> secrets = names.stream().map(Models::secret).toList();
    ServiceSpec reader = Models.readsSecrets(Models.service("reader", "workers", 1, 8080), names);
    return new ClusterModel(
        Models.cluster(),
        List.of(Models.main(), Models.workers()),
        List.of(reader),
        secrets,
        List.of());
  }

  @Test
  void eachSecretAddsItsArnAtItsLongest() {
    ClusterModel model = withSecrets(100);
    Map<String, Integer> sizes =
        RolePolicySizes.sizes("eu-west-1", new TemplateGenerator().template(model), "WorkersRole");
    // "arn:aws-us-gov:secretsmanager:eu-west-1:123456789012:secret:demo/secret-000-*" quoted, and a
    // comma.
    int perSecret =
        ("arn:aws-us-gov:secretsmanager:eu-west-1:123456789012:secret:demo/secret-000-*".length()
            + 3);
    Map<String, Integer> fewer =
        RolePolicySizes.sizes(
            "eu-west-1", new TemplateGenerator().template(withSecrets(99)), "WorkersRole");
    assertEquals(perSecret, sizes.get("read-own-secrets") - fewer.get("read-own-secrets"));
    assertEquals(
        List.of(
            "discover-etcd-members", "signal-readiness", "read-boot-config", "read-own-secrets"),
        List.copyOf(sizes.keySet()));
  }

  @Test
  void aRoleWhosePoliciesExceedIamsLimitIsAnErrorOnItsNodeGroup() {
    ClusterModel model = withSecrets(130);
    List<Problem> problems =
        RolePolicySizes.problems(model, new TemplateGenerator().template(model));
    assertEquals(1, problems.size(), problems.toString());
    String message = problems.get(0).message();
    assertTrue(
        message.matches(
            "\\[role-policy-size] the role of node group workers needs inline policies of 1\\d\\d\\d\\d"
                + " characters \\(discover-etcd-members \\d+, signal-readiness \\d+, read-boot-config \\d+, read-own-secrets 10\\d\\d\\d\\) but IAM takes at most 10240 per role"
                + " \\(white space excluded\\): each secret a service on the group reads adds its ARN, so spread the services"
                + " that read the most secrets over more node groups, or let services share secrets"),
        message);
    assertEquals(
        List.of(),
        RolePolicySizes.problems(
            withSecrets(100), new TemplateGenerator().template(withSecrets(100))));
  }
}
