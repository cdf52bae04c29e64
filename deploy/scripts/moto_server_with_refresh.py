"""moto_server for test-roll-out.sh, with the two things moto 5.2 lacks that roll-out.sh uses.

- StartInstanceRefresh / DescribeInstanceRefreshes: moto has no instance refresh at all.
  A refresh here ends after two describes with the outcome named by the group's tag
  `test:refresh-outcome` (default Successful); on success the group takes the desired
  launch-template version, as AWS does when a refresh with a desired configuration succeeds.
- CreateLaunchTemplateVersion's SourceVersion, which moto ignores: the new version starts as a copy
  of the source and the given data replaces its top-level fields, as in AWS.

Prints the port, then serves on 127.0.0.1 until standard input closes.
"""
import logging
import sys
import uuid

from moto.autoscaling.responses import AutoScalingResponse
from moto.core.responses import ActionResult
from moto.ec2.responses.launch_templates import LaunchTemplates
from moto.moto_server.threaded_moto_server import ThreadedMotoServer

REFRESHES = {}  # group name -> list of refreshes, newest first
PROGRESS = ["Pending", "InProgress"]


def start_instance_refresh(self):
    name = self._get_param("AutoScalingGroupName")
    group = self.autoscaling_backend.describe_auto_scaling_groups([name])[0]
    outcome = next(
        (t["Value"] for t in group.tags if t["Key"] == "test:refresh-outcome"), "Successful"
    )
    refresh = {
        "InstanceRefreshId": str(uuid.uuid4()),
        "AutoScalingGroupName": name,
        "Preferences": self._get_param("Preferences", {}),
        "DesiredConfiguration": self._get_param("DesiredConfiguration", {}),
        "Strategy": self._get_param("Strategy", "Rolling"),
        "Status": "Pending",
        "describes": 0,
        "outcome": outcome,
    }
    REFRESHES.setdefault(name, []).insert(0, refresh)
    return ActionResult({"InstanceRefreshId": refresh["InstanceRefreshId"]})


def describe_instance_refreshes(self):
    name = self._get_param("AutoScalingGroupName")
    wanted = self._get_param("InstanceRefreshIds", [])
    shown = []
    for refresh in REFRESHES.get(name, []):
        if wanted and refresh["InstanceRefreshId"] not in wanted:
            continue
        if refresh["Status"] in PROGRESS:
            refresh["describes"] += 1
            if refresh["describes"] < 2:
                refresh.update(Status="InProgress", PercentageComplete=50)
            else:
                refresh.update(Status=refresh["outcome"], PercentageComplete=100)
                if refresh["outcome"] != "Successful":
                    refresh["StatusReason"] = f"test:refresh-outcome is {refresh['outcome']}"
                template = refresh["DesiredConfiguration"].get("LaunchTemplate")
                if refresh["Status"] == "Successful" and template:
                    self.autoscaling_backend.update_auto_scaling_group(
                        name=name, availability_zones=[], desired_capacity=None, max_size=None,
                        min_size=None, launch_config_name=None, launch_template=template,
                        vpc_zone_identifier=None, health_check_period=None, health_check_type=None,
                    )
        shown.append({k: v for k, v in refresh.items() if k[0].isupper()})
    return ActionResult({"InstanceRefreshes": shown})


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
LaunchTemplates.create_launch_template_version = create_launch_template_version_from_source

logging.getLogger("werkzeug").setLevel(logging.ERROR)
server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
server.start()
print(server.get_host_and_port()[1], flush=True)
sys.stdin.read()
server.stop()
