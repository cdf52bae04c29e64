variable "name" {
  description = "Prefix of every resource name."
  type        = string
}

variable "github_repository" {
  description = "owner/name of the repository whose workflows deploy."
  type        = string
}

variable "github_branch" {
  description = "The only branch whose workflows may assume the role."
  type        = string
  default     = "main"
}

variable "github_environment" {
  description = "The GitHub environment (with required reviewers) whose jobs may assume the Terraform apply role."
  type        = string
  default     = "infrastructure"
}

variable "github_plan_environment" {
  description = "The GitHub environment (with required reviewers, any branch) whose jobs may assume the Terraform plan role: pull requests' plans."
  type        = string
  default     = "infrastructure-plan"
}

variable "oidc_provider_arn" {
  description = "The account's existing GitHub OIDC provider, if it has one; null creates it."
  type        = string
  default     = null
}

variable "launch_template_arns" {
  type = list(string)
}

variable "group_arns" {
  type = list(string)
}

variable "instance_role_arns" {
  type = list(string)
}

variable "bucket_arn" {
  description = "The photos' bucket, whose objects the plan role may not read."
  type        = string
}

variable "table_arn" {
  description = "The prediction table, whose items the plan role may not read."
  type        = string
}

variable "telegram_token_secret_arn" {
  description = "The Telegram token's secret, whose value the plan role may not read."
  type        = string
}
