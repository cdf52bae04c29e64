#!/bin/bash
# yolo5-drain GROUP REGION: waits until the Auto Scaling group starts terminating this instance,
# stops the worker (on SIGTERM it stops receiving and finishes or releases its jobs), then lets
# the group go on. Without it, scale-in would cut jobs off mid-way.
set -uo pipefail
group=$1 region=$2

imds() {
  local token
  token=$(curl -sSf -X PUT -H "X-aws-ec2-metadata-token-ttl-seconds: 60" http://169.254.169.254/latest/api/token) &&
    curl -sSf -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}

until [[ $(imds autoscaling/target-lifecycle-state) == Terminated ]]; do
  sleep 5
done
systemctl stop yolo5.service
aws autoscaling complete-lifecycle-action --region "$region" --auto-scaling-group-name "$group" \
  --lifecycle-hook-name drain --lifecycle-action-result CONTINUE --instance-id "$(imds instance-id)"
