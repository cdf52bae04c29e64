#!/usr/bin/env bash
# docker-compose's one-shot `init` service: creates on moto what Terraform creates in AWS
# (deploy/terraform/modules/data), under the names docker-compose.yml gives the services.
# Safe to run again against the same moto.
set -euo pipefail

for _ in $(seq 60); do
  aws s3api list-buckets >/dev/null 2>&1 && break
  sleep 1
done

aws s3api head-bucket --bucket "$BUCKET_NAME" >/dev/null 2>&1 || aws s3api create-bucket --bucket "$BUCKET_NAME" >/dev/null

dlq_url=$(aws sqs create-queue --queue-name "$QUEUE_NAME-dlq" --query QueueUrl --output text)
dlq_arn=$(aws sqs get-queue-attributes --queue-url "$dlq_url" --attribute-names QueueArn \
  --query Attributes.QueueArn --output text)
aws sqs create-queue --queue-name "$QUEUE_NAME" --attributes "{
  \"VisibilityTimeout\": \"30\",
  \"RedrivePolicy\": \"{\\\"deadLetterTargetArn\\\":\\\"$dlq_arn\\\",\\\"maxReceiveCount\\\":\\\"10\\\"}\"}" >/dev/null

if ! aws dynamodb describe-table --table-name "$DYNAMODB_TABLE" >/dev/null 2>&1; then
  aws dynamodb create-table --table-name "$DYNAMODB_TABLE" --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=prediction_id,AttributeType=S \
    --key-schema AttributeName=prediction_id,KeyType=HASH >/dev/null
  aws dynamodb update-time-to-live --table-name "$DYNAMODB_TABLE" \
    --time-to-live-specification Enabled=true,AttributeName=expires_at >/dev/null
fi

if aws secretsmanager describe-secret --secret-id "$TELEGRAM_TOKEN_SECRET_ID" >/dev/null 2>&1; then
  aws secretsmanager put-secret-value --secret-id "$TELEGRAM_TOKEN_SECRET_ID" --secret-string "$TELEGRAM_TOKEN" >/dev/null
else
  aws secretsmanager create-secret --name "$TELEGRAM_TOKEN_SECRET_ID" --secret-string "$TELEGRAM_TOKEN" >/dev/null
fi

echo "Local AWS ready: bucket $BUCKET_NAME, queue $QUEUE_NAME (+ -dlq), table $DYNAMODB_TABLE, secret $TELEGRAM_TOKEN_SECRET_ID"
