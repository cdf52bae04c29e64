"""moto_server for test-roll-out.sh, with what moto 5.2 lacks that roll-out.sh and the boot scripts use.

- StartInstanceRefresh / DescribeInstanceRefreshes: moto has no instance refresh at all. A refresh
  here replaces the group's instances one at a time, as AWS does with one instance and 50% healthy:
  it terminates one, launches one from the desired launch template version, and goes on once that one
  is in service. A launch lifecycle hook holds each new instance in Pending:Wait until
  CompleteLifecycleAction (below) or the hook's heartbeat timeout, with its default result, decides:
  CONTINUE puts it in service, ABANDON terminates it and the replacement has failed. Without a launch
  hook a new instance is in service at once, whatever it runs: with EC2's health check it is healthy.
  AWS retries a failed replacement for up to an hour before the refresh fails; here the first failure
  fails it. A failed refresh with AutoRollback replaces what it launched with instances of the group's
  own (previous) version, through the same hooks: RollbackSuccessful once they are in service,
  RollbackFailed if one is abandoned. A successful refresh sets the desired version on the group.
  The group's tag `test:elb-unhealthy` (true) stands for a load balancer that never finds the new
  instances healthy, which moto does not check: each is terminated as a failed replacement once in
  service. Progress is made on each DescribeInstanceRefreshes, the first of which shows InProgress.
- CompleteLifecycleAction, which moto lacks: completes a launching instance's wait, as above; as in
  AWS, a ValidationError when that instance does not wait on that hook.
- CreateLaunchTemplateVersion's SourceVersion, which moto ignores: the new version starts as a copy
  of the source and the given data replaces its top-level fields, as in AWS.

Prints the port, then serves on 127.0.0.1 until standard input closes.
"""
import logging
import random
import sys
import threading
import time
import uuid

from moto.autoscaling.exceptions import ValidationError
from moto.autoscaling.models import ASG_NAME_TAG, InstanceState
from moto.autoscaling.responses import AutoScalingResponse
from moto.core.responses import ActionResult, EmptyResult
from moto.ec2.responses.launch_templates import LaunchTemplates
from moto.moto_server.threaded_moto_server import ThreadedMotoServer

LAUNCHING = "autoscaling:EC2_INSTANCE_LAUNCHING"
REFRESHES = {}  # group name -> list of refreshes, newest first
WAITS = {}  # (group name, instance id) -> {launch hook name: when it started waiting}
ABANDONED = set()  # instance ids whose launch was abandoned
LOCK = threading.Lock()  # the server answers each request on its own thread


def launch(backend, group, template):
    """One instance of the launch template version `template`, waiting on the group's launch hooks."""
    version = backend.ec2_backend.get_launch_template(template["LaunchTemplateId"]).get_version(
        template["Version"]
    )
    instance = backend.ec2_backend.run_instances(
        version.image_id,
        1,
        None,
        [],
        instance_type=version.instance_type,
        tags={"instance": {**version.instance_tags, ASG_NAME_TAG: group.name}},
        placement=random.choice(group.availability_zones),
        launch_template={"LaunchTemplateId": template["LaunchTemplateId"], "Version": str(version.number)},
        is_instance_type_default=False,
    ).instances[0]
    instance.autoscaling_group = group
    hooks = [h.name for h in backend.describe_lifecycle_hooks(group.name) if h.lifecycle_transition == LAUNCHING]
    if hooks:
        WAITS[(group.name, instance.id)] = {name: time.monotonic() for name in hooks}
    group.instance_states.append(
        InstanceState(instance, lifecycle_state="Pending:Wait" if hooks else "InService", autoscaling_group=group)
    )
    return instance.id


def terminate(backend, group, instance_id):
    group.instance_states = [s for s in group.instance_states if s.instance.id != instance_id]
    backend.ec2_backend.terminate_instances([instance_id])
    WAITS.pop((group.name, instance_id), None)


def conclude(backend, group, instance_id, hook, result):
    """A launch hook's result for a waiting instance: in service once every hook continued."""
    if result == "ABANDON":
        ABANDONED.add(instance_id)
        terminate(backend, group, instance_id)
        return
    waiting = WAITS[(group.name, instance_id)]
    del waiting[hook]
    if not waiting:
        del WAITS[(group.name, instance_id)]
        for state in group.instance_states:
            if state.instance.id == instance_id:
                state.lifecycle_state = "InService"


def expire(backend, group):
    """Hooks whose heartbeat timeout passed take their default result."""
    hooks = {h.name: h for h in backend.describe_lifecycle_hooks(group.name)}
    for (name, instance_id), waiting in list(WAITS.items()):
        for hook, since in list(waiting.items()):
            if name == group.name and hook in hooks and time.monotonic() - since >= hooks[hook].heartbeat_timeout:
                conclude(backend, group, instance_id, hook, hooks[hook].default_result)
                break


def advance(backend, refresh):
    """One step of a refresh (or its rollback) towards the group's desired capacity of its configuration."""
    group = backend.autoscaling_groups[refresh["AutoScalingGroupName"]]
    rolling_back = refresh["Status"] == "RollbackInProgress"
    expire(backend, group)
    while True:
        launched = refresh["launched"]
        abandoned = [i for i in launched if i in ABANDONED]
        if abandoned or refresh.get("unhealthy"):
            fail(refresh, f"{abandoned[0]}'s launch was abandoned" if abandoned else refresh.pop("unhealthy"))
            return
        if rolling_back:
            # The rollback replaces what the refresh launched and keeps what it never touched.
            keep = [s for s in group.instance_states if s.instance.id not in refresh["refreshed"]]
        else:
            keep = [s for s in group.instance_states if s.instance.id in launched]
        waiting = [s.instance.id for s in keep if s.lifecycle_state == "Pending:Wait"]
        if waiting:
            refresh["StatusReason"] = f"Waiting for {waiting[0]} to complete its launch lifecycle action."
            return
        if not rolling_back and refresh["elb_unhealthy"] and keep:
            terminate(backend, group, keep[0].instance.id)
            refresh["unhealthy"] = f"{keep[0].instance.id} failed the load balancer's health check"
            continue
        others = [s for s in group.instance_states if s not in keep]
        if len(keep) >= group.desired_capacity and not others:
            finish(backend, group, refresh)
            return
        if others:
            terminate(backend, group, others[0].instance.id)
        launched.append(launch(backend, group, refresh["configuration"]))
        refresh["PercentageComplete"] = 50


def fail(refresh, reason):
    refresh["StatusReason"] = refresh["failure"] = f"The instance refresh failed: {reason}."
    if refresh["Status"] == "RollbackInProgress":
        refresh["Status"] = "RollbackFailed"
    elif refresh["Preferences"].get("AutoRollback"):
        refresh.update(Status="RollbackInProgress", configuration=refresh["previous"])
        refresh["refreshed"], refresh["launched"] = refresh["launched"], []
    else:
        refresh["Status"] = "Failed"


def finish(backend, group, refresh):
    if refresh["Status"] == "RollbackInProgress":
        refresh.update(Status="RollbackSuccessful", StatusReason=refresh["failure"])
        return
    refresh.update(Status="Successful", PercentageComplete=100, StatusReason=None)
    template = refresh["DesiredConfiguration"].get("LaunchTemplate")
    if template:
        backend.update_auto_scaling_group(
            name=group.name, availability_zones=[], desired_capacity=None, max_size=None,
            min_size=None, launch_config_name=None, launch_template=template,
            vpc_zone_identifier=None, health_check_period=None, health_check_type=None,
        )


def start_instance_refresh(self):
    name = self._get_param("AutoScalingGroupName")
    group = self.autoscaling_backend.describe_auto_scaling_groups([name])[0]
    desired = self._get_param("DesiredConfiguration", {})
    previous = group.launch_template
    refresh = {
        "InstanceRefreshId": str(uuid.uuid4()),
        "AutoScalingGroupName": name,
        "Preferences": self._get_param("Preferences", {}),
        "DesiredConfiguration": desired,
        "Strategy": self._get_param("Strategy", "Rolling"),
        "Status": "Pending",
        "PercentageComplete": 0,
        "previous": {"LaunchTemplateId": previous["LaunchTemplateId"], "Version": previous["Version"]},
        "configuration": desired.get("LaunchTemplate") or previous,
        "elb_unhealthy": any(t["Key"] == "test:elb-unhealthy" and t["Value"] == "true" for t in group.tags),
        "launched": [],
    }
    REFRESHES.setdefault(name, []).insert(0, refresh)
    return ActionResult({"InstanceRefreshId": refresh["InstanceRefreshId"]})


def describe_instance_refreshes(self):
    name = self._get_param("AutoScalingGroupName")
    wanted = self._get_param("InstanceRefreshIds", [])
    shown = []
    with LOCK:
        for refresh in REFRESHES.get(name, []):
            if wanted and refresh["InstanceRefreshId"] not in wanted:
                continue
            if refresh["Status"] == "Pending":
                refresh["Status"] = "InProgress"
            elif refresh["Status"] in ("InProgress", "RollbackInProgress"):
                advance(self.autoscaling_backend, refresh)
            shown.append({k: v for k, v in refresh.items() if k[0].isupper() and v is not None})
    return ActionResult({"InstanceRefreshes": shown})


def complete_lifecycle_action(self):
    name = self._get_param("AutoScalingGroupName")
    hook = self._get_param("LifecycleHookName")
    instance_id = self._get_param("InstanceId")
    with LOCK:
        if hook not in WAITS.get((name, instance_id), {}):
            raise ValidationError(f"No active Lifecycle Action found with instance ID {instance_id}")
        group = self.autoscaling_backend.autoscaling_groups[name]
        conclude(self.autoscaling_backend, group, instance_id, hook, self._get_param("LifecycleActionResult"))
    return EmptyResult()


create_launch_template_version = LaunchTemplates.create_launch_template_version


def create_launch_template_version_from_source(self):
    source = self._get_param("SourceVersion")
    if source:
        template_id = self._get_param("LaunchTemplateId")
        template = (
            self.ec2_backend.get_launch_template(template_id)
            if template_id
            else self.ec2_backend.get_launch_template_by_name(self._get_param("LaunchTemplateName"))
        )
        given = self._get_param("LaunchTemplateData", {})
        self._get_param = _with_data(self._get_param, {**template.get_version(source).data, **given})
    return create_launch_template_version(self)


def _with_data(get_param, data):
    return lambda name, *default: data if name == "LaunchTemplateData" else get_param(name, *default)


AutoScalingResponse.start_instance_refresh = start_instance_refresh
AutoScalingResponse.describe_instance_refreshes = describe_instance_refreshes
AutoScalingResponse.complete_lifecycle_action = complete_lifecycle_action
LaunchTemplates.create_launch_template_version = create_launch_template_version_from_source

logging.getLogger("werkzeug").setLevel(logging.ERROR)
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()
server.stop()
