variable "name" {
  description = "Prefix of every resource name."
  type        = string
}

variable "region" {
  description = "The AWS region, for the VPC endpoints' service names."
  type        = string
}

variable "cidr" {
  description = "The VPC's address range; split into 16 subnets, of which 4 are used."
  type        = string
  default     = "10.20.0.0/16"
}

variable "nat_gateway_per_az" {
  description = "One NAT gateway per zone (survives a zone outage) instead of one in all (about 35 USD a month less)."
  type        = bool
  default     = false
}

variable "flow_log_group_arn" {
  description = "The log group that receives the VPC's rejected-traffic flow logs."
  type        = string
}
