#!/usr/bin/env bash
# Runs roll-out.sh against moto: a launch template and an Auto Scaling group as Terraform makes them,
# then a roll-out that succeeds, one that AWS rolls back, a rollback to an earlier digest, and images
# named by tag instead of digest, which are refused; then the user data's rolled_out_image on the tag
# each version carries.
# moto has no instance refresh: moto_server_with_refresh.py adds it (see there), so the refresh's
# progress is scripted; what is real is every request roll-out.sh sends and the launch-template
# and group state it leaves.
#
#   deploy/scripts/test-roll-out.sh [VENV]   (default .venv-lint, made by tools/lint-deploy)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=$(cd "${1:-$here/../../.venv-lint}" && pwd)
export PATH="$venv/bin:$PATH"

coproc moto { exec python "$here/moto_server_with_refresh.py"; }
# shellcheck disable=SC2154 # coproc sets moto_PID.
trap 'kill "$moto_PID" 2>/dev/null || true' EXIT
read -r port <&"${moto[0]}" || { echo "moto_server did not start" >&2; exit 1; }

# Fake credentials and nothing from the user's AWS configuration.
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1 \
  AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_EC2_METADATA_DISABLED=true \
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER="" POLL_SECONDS=0

passed=0 failed=0
check() { # NAME EXPECTED ACTUAL
  if [[ $2 == "$3" ]]; then
    passed=$((passed + 1)); echo "ok: $1"
  else
    failed=$((failed + 1)); echo "FAILED: $1: expected '$2', got '$3'"
  fi
}
version_field() { # VERSION JMESPATH
  aws ec2 describe-launch-template-versions --launch-template-id "$template_id" --versions "$1" \
    --query "LaunchTemplateVersions[0].$2" --output text
}
image_of() { # VERSION: the Image instance tag it launches instances with
  version_field "$1" "LaunchTemplateData.TagSpecifications[0].Tags[?Key=='Image'].Value | [0]"
}
group_version() {
  aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names test-polybot \
    --query 'AutoScalingGroups[0].LaunchTemplate.Version' --output text
}

template_id=$(aws ec2 create-launch-template --launch-template-name test-polybot \
  --launch-template-data '{
    "ImageId": "ami-12c6146b", "InstanceType": "t3.small", "UserData": "IyEvYmluL2Jhc2gK",
    "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 2, "InstanceMetadataTags": "enabled"},
    "TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "Image", "Value": "none"}]}]}' \
  --query LaunchTemplate.LaunchTemplateId --output text)
aws autoscaling create-auto-scaling-group --auto-scaling-group-name test-polybot \
  --launch-template "LaunchTemplateId=$template_id,Version=1" --min-size 1 --max-size 2 \
  --desired-capacity 1 --availability-zones us-east-1a

repository=docker.io/example/polybot
first=$repository@sha256:$(printf first | sha256sum | cut -d' ' -f1)
second=$repository@sha256:$(printf second | sha256sum | cut -d' ' -f1)

echo "--- A roll-out that succeeds"
if "$here/roll-out.sh" test-polybot "$first"; then status=0; else status=$?; fi
check "roll-out exits 0" 0 "$status"
check "version 2 carries the image by digest" "$first" "$(image_of 2)"
check "version 2's description names the image" "image $first" "$(version_field 2 VersionDescription)"
check "version 2 keeps the instance type of version 1" t3.small "$(version_field 2 LaunchTemplateData.InstanceType)"
check "version 2 keeps IMDSv2 and metadata tags" "required enabled" \
  "$(version_field 2 "LaunchTemplateData.MetadataOptions.[HttpTokens, InstanceMetadataTags]" | tr '\t' ' ')"
check "the group runs version 2" 2 "$(group_version)"
check "the refresh asked for version 2, 50% healthy, auto rollback" "2 50 True Successful" \
  "$(aws autoscaling describe-instance-refreshes --auto-scaling-group-name test-polybot --query \
    'InstanceRefreshes[0].[DesiredConfiguration.LaunchTemplate.Version, Preferences.MinHealthyPercentage, Preferences.AutoRollback, Status]' \
    --output text | tr '\t' ' ')"

echo "--- A roll-out that AWS rolls back"
outcome() {
  aws autoscaling create-or-update-tags --tags \
    "ResourceId=test-polybot,ResourceType=auto-scaling-group,Key=test:refresh-outcome,Value=$1,PropagateAtLaunch=false"
}
outcome RollbackSuccessful
if "$here/roll-out.sh" test-polybot "$second"; then status=0; else status=$?; fi
check "roll-out exits 1" 1 "$status"
check "version 3 was made for the new image" "$second" "$(image_of 3)"
check "the group still runs version 2" 2 "$(group_version)"

echo "--- A rollback: the earlier digest rolled out again"
outcome Successful
if "$here/roll-out.sh" test-polybot "$second"; then status=0; else status=$?; fi
check "roll-out of the second image exits 0" 0 "$status"
check "the group runs version 4, the second image" "4 $second" "$(group_version) $(image_of 4)"
if "$here/roll-out.sh" test-polybot "$first"; then status=0; else status=$?; fi
check "rollback to the first digest exits 0" 0 "$status"
check "the group runs version 5, the first image again" "5 $first" "$(group_version) $(image_of 5)"

echo "--- Images not named by digest"
for refused in "$repository:latest" "$repository:0123abc" "$repository@sha256:abc" 'a"b@sha256:'"${first##*:}"; do
  if "$here/roll-out.sh" test-polybot "$refused" 2>/dev/null; then status=0; else status=$?; fi
  check "roll-out of '$refused' exits 1" 1 "$status"
done
check "no version was made for them" 5 \
  "$(aws ec2 describe-launch-templates --launch-template-ids "$template_id" \
    --query 'LaunchTemplates[0].LatestVersionNumber' --output text)"

echo "--- The user data runs exactly the image its version names"
# rolled_out_image from the boot scripts' common part, with the instance metadata answering the
# Image tag each launch-template version gives its instances.
eval "$(sed -n '/^rolled_out_image() {/,/^}/p' "$here/../user-data/common.sh")"
declare -F rolled_out_image >/dev/null || { echo "FAILED: no rolled_out_image in common.sh"; exit 1; }
imds() { [[ $1 == tags/instance/Image ]] && printf '%s' "$tag"; }
for version in 1 5; do
  tag=$(image_of "$version")
  if image=$(IMDS_RETRY_SECONDS=0 rolled_out_image "$repository" 2>/dev/null); then status=0; else status=$?; fi
  if [[ $version == 1 ]]; then
    check "Terraform's first version ($tag) starts nothing" "1 " "$status $image"
  else
    check "version $version's instances run its digest" "0 $first" "$status $image"
  fi
done
tag=$first
if IMDS_RETRY_SECONDS=0 rolled_out_image docker.io/example/yolo5 >/dev/null 2>&1; then status=0; else status=$?; fi
check "another repository's image is refused" 1 "$status"

echo "test-roll-out: $passed passed, $failed failed"
((failed == 0))
