#!/bin/bash
# Logs this machine's docker in to the cluster's ECR registry with a token read with the machine's role
# (valid 12 hours); the units that pull the project's images start this first, so every pull has a fresh one.
# The token goes to docker on standard input, never on a command line.
# AWS_ENDPOINT_URL_ECR (the AWS CLI's own variable, unset on EC2) points the token call at another endpoint, passed
# as --endpoint-url as cluster-peers does: the local cluster's ECR stand-in.
set -euo pipefail
docker run --rm --net=host -e AWS_REGION="$CLUSTER_REGION" "$AWS_CLI_IMAGE" \
  ${AWS_ENDPOINT_URL_ECR:+--endpoint-url "$AWS_ENDPOINT_URL_ECR"} ecr get-login-password \
  | docker login --username AWS --password-stdin "$CLUSTER_REGISTRY"
