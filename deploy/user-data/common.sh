# shellcheck shell=bash disable=SC2034 # instance_id and image_tag are for the scripts it is pasted into.
# The start of both boot scripts, pasted in by Terraform: Docker, the instance metadata, SSM.

dnf install -y docker
systemctl enable --now docker

imds() { # PATH under /latest/meta-data/
  local token
  token=$(curl -sSf -X PUT -H "X-aws-ec2-metadata-token-ttl-seconds: 60" http://169.254.169.254/latest/api/token)
  curl -sSf -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}

parameter() { # NAME: an SSM parameter's value, decrypted
  aws ssm get-parameter --region "$region" --with-decryption --name "$1" --query Parameter.Value --output text
}

region=$(imds placement/region)
instance_id=$(imds instance-id)
# deploy/scripts/roll-out.sh names the image in the launch template's instance tag ImageTag; the
# metadata can lag the launch by a moment.
image_tag=""
for _ in $(seq 30); do
  image_tag=$(imds tags/instance/ImageTag) && break
  sleep 2
done
[[ -n $image_tag ]] || { echo "the instance has no ImageTag tag" >&2; exit 1; }
