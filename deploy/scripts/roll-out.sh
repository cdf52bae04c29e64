#!/usr/bin/env bash
# Rolls an image tag out to one Auto Scaling group and waits until it is live or has failed.
#
#   deploy/scripts/roll-out.sh ASG_NAME IMAGE_TAG
#
# 1. A new version of the group's launch template, copied from its newest version (Terraform's latest
#    settings) with the instance tag ImageTag=IMAGE_TAG; the user data reads that tag from the
#    instance metadata, so every version names exactly one image and old versions stay usable.
# 2. An instance refresh with that version as its desired configuration and auto rollback: AWS sets
#    the version on the group when the refresh succeeds and puts the old one back when it fails.
# 3. Polls the refresh; exits 0 only on Successful.
#
# Settings (environment): the AWS CLI's usual ones (credentials, AWS_REGION, AWS_ENDPOINT_URL),
# MIN_HEALTHY_PERCENTAGE (default 50), INSTANCE_WARMUP seconds (120), POLL_SECONDS (15),
# TIMEOUT_SECONDS (3600).
set -euo pipefail

die() { echo "roll-out: $*" >&2; exit 1; }

[[ $# -eq 2 ]] || die "usage: $0 ASG_NAME IMAGE_TAG"
asg=$1 tag=$2
# Docker's tag grammar; it also keeps the tag safe to splice into the JSON below.
[[ $tag =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || die "not a Docker image tag: '$tag'"
min_healthy=${MIN_HEALTHY_PERCENTAGE:-50}
warmup=${INSTANCE_WARMUP:-120}
poll=${POLL_SECONDS:-15}
timeout=${TIMEOUT_SECONDS:-3600}

template_id=$(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names "$asg" \
  --query 'AutoScalingGroups[0].LaunchTemplate.LaunchTemplateId' --output text)
[[ $template_id == lt-* ]] || die "Auto Scaling group '$asg' not found or has no launch template"

# '$Latest' is the API's name for the newest version, not a shell variable.
# shellcheck disable=SC2016
version=$(aws ec2 create-launch-template-version --launch-template-id "$template_id" \
  --source-version '$Latest' --version-description "image $tag" \
  --launch-template-data "{\"TagSpecifications\":[{\"ResourceType\":\"instance\",\"Tags\":[{\"Key\":\"ImageTag\",\"Value\":\"$tag\"}]}]}" \
  --query 'LaunchTemplateVersion.VersionNumber' --output text)
echo "roll-out: $asg: launch template $template_id version $version runs image tag $tag"

refresh_id=$(aws autoscaling start-instance-refresh --auto-scaling-group-name "$asg" \
  --desired-configuration "{\"LaunchTemplate\":{\"LaunchTemplateId\":\"$template_id\",\"Version\":\"$version\"}}" \
  --preferences "{\"MinHealthyPercentage\":$min_healthy,\"InstanceWarmup\":$warmup,\"AutoRollback\":true,\"SkipMatching\":false}" \
  --query InstanceRefreshId --output text)
echo "roll-out: $asg: instance refresh $refresh_id started (min healthy $min_healthy%)"

deadline=$((SECONDS + timeout))
while true; do
  state=$(aws autoscaling describe-instance-refreshes --auto-scaling-group-name "$asg" \
    --instance-refresh-ids "$refresh_id" \
    --query 'InstanceRefreshes[0].[Status, PercentageComplete, StatusReason]' --output text)
  read -r status percent reason <<<"$state"
  echo "roll-out: $asg: $status (${percent/None/0}% done)"
  case $status in
    Successful) exit 0 ;;
    Failed | Cancelled | RollbackSuccessful | RollbackFailed)
      die "$asg: instance refresh $refresh_id ended $status: ${reason/None/no reason given}" ;;
  esac
  ((SECONDS < deadline)) || die "$asg: instance refresh $refresh_id still $status after ${timeout}s"
  sleep "$poll"
done
