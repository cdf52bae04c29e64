#!/usr/bin/env bash
# Runs roll-out.sh against moto: a launch template and an Auto Scaling group as Terraform makes them,
# then a roll-out that succeeds, one that AWS rolls back, a rollback to an earlier digest, and images
# named by tag instead of digest, which are refused; then the user data's rolled_out_image on the tag
# each version carries; then the worker's group with the launch hook Terraform declares, whose new
# instances run the boot script's part that completes it: an image that answers /health rolls out, one
# that never does is abandoned and rolled back, and the previous digest keeps running.
# moto has no instance refresh: moto_server_with_refresh.py adds it (see there), so the refresh's
# progress is simulated; what is real is every request roll-out.sh and the boot script send and the
# launch-template and group state they leave.
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
version_field() { # VERSION JMESPATH [TEMPLATE]
  aws ec2 describe-launch-template-versions --launch-template-id "${3:-$template_id}" --versions "$1" \
    --query "LaunchTemplateVersions[0].$2" --output text
}
image_of() { # VERSION [TEMPLATE]: the Image instance tag it launches instances with
  version_field "$1" "LaunchTemplateData.TagSpecifications[0].Tags[?Key=='Image'].Value | [0]" "${2:-}"
}
group_version() { # [GROUP]
  aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names "${1:-test-polybot}" \
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
elb_unhealthy() { # true|false: whether the load balancer finds the bot's new instances unhealthy
  aws autoscaling create-or-update-tags --tags \
    "ResourceId=test-polybot,ResourceType=auto-scaling-group,Key=test:elb-unhealthy,Value=$1,PropagateAtLaunch=false"
}
elb_unhealthy true
if "$here/roll-out.sh" test-polybot "$second"; then status=0; else status=$?; fi
check "roll-out exits 1" 1 "$status"
check "version 3 was made for the new image" "$second" "$(image_of 3)"
check "the group still runs version 2" 2 "$(group_version)"

echo "--- A rollback: the earlier digest rolled out again"
elb_unhealthy false
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

echo "--- The worker: its launch hook, as Terraform declares it"
# modules/asg's launching hooks that modules/yolo5 turns on, as NAME DEFAULT_RESULT lines.
launch_hooks=$(python - "$here/../terraform/modules" <<'PY'
import pathlib, re, sys
import hcl2
modules = pathlib.Path(sys.argv[1])
def load(name):
    with open(modules / name) as file:
        return hcl2.load(file)
def one(value):
    while isinstance(value, list) and len(value) == 1:
        value = value[0]
    return value
worker = next(m["asg"] for m in load("yolo5/main.tf")["module"] if "asg" in m)
for resource in load("asg/main.tf")["resource"]:
    for kind, hooks in resource.items():
        for body in hooks.values():
            # A resource aws_autoscaling_lifecycle_hook, or the group's dynamic initial_lifecycle_hook.
            blocks = [(body, body.get("count"))] if kind == "aws_autoscaling_lifecycle_hook" else [
                (one(d["initial_lifecycle_hook"]["content"]), d["initial_lifecycle_hook"]["for_each"])
                for d in body.get("dynamic", []) if "initial_lifecycle_hook" in d]
            for hook, switch in blocks:
                if one(hook.get("lifecycle_transition")) != "autoscaling:EC2_INSTANCE_LAUNCHING":
                    continue
                off = re.search(r"var\.(\w+) == None", str(one(switch)))
                if off is None or off[1] in worker:
                    print(one(hook["name"]), one(hook.get("default_result", "ABANDON")))
PY
)
check "Terraform gives the worker's group a launch hook ready that abandons by default" "ready ABANDON" "$launch_hooks"
worker_template=$(aws ec2 create-launch-template --launch-template-name test-yolo5 \
  --launch-template-data '{
    "ImageId": "ami-12c6146b", "InstanceType": "c6i.large", "UserData": "IyEvYmluL2Jhc2gK",
    "MetadataOptions": {"HttpTokens": "required", "HttpPutResponseHopLimit": 1, "InstanceMetadataTags": "enabled"},
    "TagSpecifications": [{"ResourceType": "instance", "Tags": [{"Key": "Image", "Value": "none"}]}]}' \
  --query LaunchTemplate.LaunchTemplateId --output text)
aws autoscaling create-auto-scaling-group --auto-scaling-group-name test-yolo5 \
  --launch-template "LaunchTemplateId=$worker_template,Version=1" --min-size 1 --max-size 2 \
  --desired-capacity 1 --availability-zones us-east-1a
# After the group, as Terraform does: its first instances (Image=none) do not wait on it.
while read -r name result; do
  [[ -n $name ]] || continue
  aws autoscaling put-lifecycle-hook --auto-scaling-group-name test-yolo5 --lifecycle-hook-name "$name" \
    --lifecycle-transition autoscaling:EC2_INSTANCE_LAUNCHING --default-result "$result" --heartbeat-timeout 3600
done <<<"$launch_hooks"

# The new instances' side: each instance the group launches into Pending:Wait runs the part of its
# boot script (deploy/user-data/yolo5.sh.tftpl) that completes the hook: the EXIT trap abandon_launch,
# rolled_out_image (common.sh), join_when_ready. The instance metadata is faked, /health answers only
# where the instance's image is in ready_images, and ready_timeout is 5 s.
user_data=$here/../user-data/yolo5.sh.tftpl
for function in complete_launch abandon_launch join_when_ready; do
  grep -q "^$function() {" "$user_data" || { failed=$((failed + 1)); echo "FAILED: no $function in yolo5.sh.tftpl"; }
done
boot() { # INSTANCE
  local image digest ready=no
  image=$(aws ec2 describe-instances --instance-ids "$1" \
    --query "Reservations[0].Instances[0].Tags[?Key=='Image'].Value | [0]" --output text)
  [[ " $ready_images " != *" $image "* ]] || ready=yes
  digest=${image#*@sha256:}
  echo "boot: $1 runs sha256:${digest:0:12}…; its /health answers: $ready"
  INSTANCE=$1 IMAGE=$image READY=$ready USER_DATA=$user_data COMMON=$here/../user-data/common.sh \
    bash -euo pipefail -s <<'BOOT'
eval "$(sed -n '/^rolled_out_image() {/,/^}/p' "$COMMON")"
for function in complete_launch abandon_launch join_when_ready; do
  eval "$(sed -n "/^$function() {/,/^}/p" "$USER_DATA")"
done
imds() {
  case $1 in
    instance-id) echo "$INSTANCE" ;;
    placement/region) echo "$AWS_REGION" ;;
    tags/instance/Image) echo "$IMAGE" ;;
    *) return 1 ;;
  esac
}
curl() { [[ $READY == yes ]]; }
sleep() { command sleep 0.05; }
group_name=test-yolo5 ready_timeout=5 health_port=8081 launch_completed=""
trap abandon_launch EXIT
IMDS_RETRY_SECONDS=0 rolled_out_image docker.io/example/yolo5 >/dev/null
join_when_ready
echo "boot: $INSTANCE completed its launch: CONTINUE"
BOOT
}
roll_out_worker() { # IMAGE: roll-out.sh in the background, while the group's new instances boot
  POLL_SECONDS=0.2 TIMEOUT_SECONDS=120 "$here/roll-out.sh" test-yolo5 "$1" &
  local pid=$! booted=" " id
  while kill -0 "$pid" 2>/dev/null; do
    for id in $(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names test-yolo5 \
      --query "AutoScalingGroups[0].Instances[?LifecycleState=='Pending:Wait'].InstanceId" --output text); do
      [[ $id == i-* && $booted != *" $id "* ]] || continue
      booted+="$id "
      boot "$id" || true
    done
    sleep 0.2
  done
  wait "$pid"
}
in_service_images() { # the Image tags of the worker group's instances in service
  local ids
  read -ra ids < <(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names test-yolo5 \
    --query "AutoScalingGroups[0].Instances[?LifecycleState=='InService'].InstanceId" --output text)
  ((${#ids[@]})) || return 0
  aws ec2 describe-instances --instance-ids "${ids[@]}" \
    --query "Reservations[].Instances[].Tags[?Key=='Image'].Value[]" --output text
}
worker_refresh() { # the newest refresh of the worker's group: its status
  aws autoscaling describe-instance-refreshes --auto-scaling-group-name test-yolo5 \
    --query 'InstanceRefreshes[0].Status' --output text
}
worker_repository=docker.io/example/yolo5
ready=$worker_repository@sha256:$(printf ready | sha256sum | cut -d' ' -f1)
never=$worker_repository@sha256:$(printf never-ready | sha256sum | cut -d' ' -f1)
ready_images=$ready

echo "--- The worker: an image that answers /health rolls out"
if roll_out_worker "$ready"; then status=0; else status=$?; fi
check "roll-out exits 0" 0 "$status"
check "the refresh ended Successful" Successful "$(worker_refresh)"
check "the group runs version 2, the ready image" "2 $ready" "$(group_version test-yolo5) $(image_of 2 "$worker_template")"
check "its instance in service runs the ready image" "$ready" "$(in_service_images)"

echo "--- The worker: an image that never answers /health is abandoned and rolled back"
if roll_out_worker "$never"; then status=0; else status=$?; fi
check "roll-out exits 1" 1 "$status"
check "the refresh ended RollbackSuccessful" RollbackSuccessful "$(worker_refresh)"
check "version 3 was made for the never-ready image" "$never" "$(image_of 3 "$worker_template")"
check "the never-ready image's instance was terminated" terminated \
  "$(aws ec2 describe-instances --filters "Name=tag:Image,Values=$never" \
    --query 'Reservations[].Instances[].State.Name' --output text)"

echo "--- The worker: the previous digest keeps running"
check "the group still runs version 2, the ready image" "2 $ready" \
  "$(group_version test-yolo5) $(image_of "$(group_version test-yolo5)" "$worker_template")"
check "its instance in service, launched by the rollback, runs the ready image" "$ready" "$(in_service_images)"

echo "--- Control: without the launch hook, the never-ready image would have stayed"
while read -r name result; do
  [[ -z $name ]] || aws autoscaling delete-lifecycle-hook --auto-scaling-group-name test-yolo5 --lifecycle-hook-name "$name"
done <<<"$launch_hooks"
if roll_out_worker "$never"; then status=0; else status=$?; fi
check "roll-out exits 0: the rollback above was the hook's ABANDON" 0 "$status"
check "the group runs version 4, the never-ready image" "4 $never" "$(group_version test-yolo5) $(image_of 4 "$worker_template")"

echo "test-roll-out: $passed passed, $failed failed"
((failed == 0))
