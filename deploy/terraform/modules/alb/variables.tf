variable "name" {
  description = "Prefix of every resource name."
  type        = string
}

variable "vpc_id" {
  type = string
}

variable "vpc_cidr" {
  type = string
}

variable "public_subnet_ids" {
  type = list(string)
}

variable "private_subnet_ids" {
  type = list(string)
}

variable "target_port" {
  description = "The bot's port on its instances (PORT)."
  type        = number
  default     = 8443
}

variable "certificate_arn" {
  description = "ACM certificate for the public listener (a domain of your own); null makes a self-signed one for the load balancer's DNS name."
  type        = string
  default     = null
}

variable "domain_name" {
  description = "The name Telegram reaches the bot under, with certificate_arn or hosted_zone_id."
  type        = string
  default     = null
}

variable "hosted_zone_id" {
  description = "A Route 53 hosted zone for domain_name: Terraform then points the name at the public load balancer and, without certificate_arn, has ACM issue its certificate (DNS validation)."
  type        = string
  default     = null
}

variable "telegram_cidrs" {
  description = "Where Telegram sends webhooks from (https://core.telegram.org/bots/webhooks)."
  type        = list(string)
  default     = ["149.154.160.0/20", "91.108.4.0/22"]
}

variable "deletion_protection" {
  description = "Refuse to delete the load balancers (turn off before terraform destroy)."
  type        = bool
  default     = true
}
