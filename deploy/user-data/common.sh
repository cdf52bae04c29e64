# shellcheck shell=bash disable=SC2034 # instance_id and region are for the scripts it is pasted into.
# The start of both boot scripts, pasted in by Terraform: Docker, the instance metadata, SSM.

imds() { # PATH under /latest/meta-data/
  local token
  token=$(curl -sSf -X PUT -H "X-aws-ec2-metadata-token-ttl-seconds: 60" http://169.254.169.254/latest/api/token)
  curl -sSf -H "X-aws-ec2-metadata-token: $token" "http://169.254.169.254/latest/meta-data/$1"
}

parameter() { # NAME: an SSM parameter's value, decrypted
  aws ssm get-parameter --region "$region" --with-decryption --name "$1" --query Parameter.Value --output text
}

# rolled_out_image REPOSITORY: the image deploy/scripts/roll-out.sh named in the launch template's
# instance tag Image, which must be REPOSITORY@sha256:<digest>: the instance runs exactly the image that
# was built and tested, never whatever a tag points at now. The metadata can lag the launch by a moment.
rolled_out_image() {
  local repository=$1 image=""
  for _ in $(seq 30); do
    image=$(imds tags/instance/Image) && break
    sleep "${IMDS_RETRY_SECONDS:-2}"
  done
  if [[ $image != "$repository@sha256:"* || ! ${image#"$repository@sha256:"} =~ ^[0-9a-f]{64}$ ]]; then
    echo "the instance's Image tag is '$image', not $repository@sha256:<digest>: nothing rolled out yet?" >&2
    return 1
  fi
  echo "$image"
}

dnf install -y docker
systemctl enable --now docker

region=$(imds placement/region)
instance_id=$(imds instance-id)
