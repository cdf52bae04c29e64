#!/usr/bin/env bash
# Rolls an image out to one Auto Scaling group, by digest, and waits until it is live or has failed.
#
#   deploy/scripts/roll-out.sh ASG_NAME REPOSITORY@sha256:DIGEST
#
# A digest, never a tag: a tag can be moved to another image after the roll-out, a digest names exactly
# the image that was built and tested. A rollback is the same call with an earlier digest.
#
# 1. A new version of the group's launch template, copied from its newest version (Terraform's latest
#    settings) with the instance tag Image=REPOSITORY@sha256:DIGEST; the user data reads that tag from
#    the instance metadata and runs exactly that image, so every version names one image and old
#    versions stay usable.
# 2. An instance refresh with that version as its desired configuration and auto rollback: AWS sets
#    the version on the group when the refresh succeeds and puts the old one back when it fails.
# 3. Polls the refresh; exits 0 only on Successful.
#
# Settings (environment): the AWS CLI's usual ones (credentials, AWS_REGION, AWS_ENDPOINT_URL),
# MIN_HEALTHY_PERCENTAGE (default 50), INSTANCE_WARMUP seconds (120), POLL_SECONDS (15),
# TIMEOUT_SECONDS (7200: AWS retries replacements that fail for an hour before the refresh fails and
# rolls back, so that the script reports the rollback rather than giving up before it).
set -euo pipefail

die() { echo "roll-out: $*" >&2; exit 1; }

[[ $# -eq 2 ]] || die "usage: $0 ASG_NAME REPOSITORY@sha256:DIGEST"
asg=$1 image=$2
# A lowercase repository name and a SHA-256 digest; it also keeps the value safe to splice into the
# JSON below and fits an EC2 tag value.
[[ $image =~ ^[a-z0-9][a-z0-9._/:-]*@sha256:[0-9a-f]{64}$ ]] ||
  die "not an image by digest (REPOSITORY@sha256:<64 hex digits>): '$image'"
min_healthy=${MIN_HEALTHY_PERCENTAGE:-50}
warmup=${INSTANCE_WARMUP:-120}
poll=${POLL_SECONDS:-15}
timeout=${TIMEOUT_SECONDS:-7200}

template_id=$(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names "$asg" \
  --query 'AutoScalingGroups[0].LaunchTemplate.LaunchTemplateId' --output text)
[[ $template_id == lt-* ]] || die "Auto Scaling group '$asg' not found or has no launch template"

# '$Latest' is the API's name for the newest version, not a shell variable.
# shellcheck disable=SC2016
version=$(aws ec2 create-launch-template-version --launch-template-id "$template_id" \
  --source-version '$Latest' --version-description "image $image" \
  --launch-template-data "{\"TagSpecifications\":[{\"ResourceType\":\"instance\",\"Tags\":[{\"Key\":\"Image\",\"Value\":\"$image\"}]}]}" \
  --query 'LaunchTemplateVersion.VersionNumber' --output text)
echo "roll-out: $asg: launch template $template_id version $version runs $image"

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
