variable "name" {
  description = "Name of the launch template and the group (the roll-out takes the group's name)."
  type        = string
}

variable "user_data" {
  description = "The boot script, rendered."
  type        = string
}

variable "instance_type" {
  type = string
}

variable "architecture" {
  description = "x86_64 or arm64, for the Amazon Linux 2023 image; must match the instance type and the Docker image."
  type        = string
  default     = "x86_64"
}

variable "volume_size" {
  description = "Root volume in GiB: the OS, Docker and the image."
  type        = number
  default     = 20
}

variable "instance_profile_name" {
  type = string
}

variable "security_group_ids" {
  type = list(string)
}

variable "subnet_ids" {
  type = list(string)
}

variable "target_group_arns" {
  description = "Target groups to register with; with any, the group replaces instances the load balancer finds unhealthy."
  type        = list(string)
  default     = []
}

variable "min_size" {
  type = number
}

variable "max_size" {
  type = number
}

variable "desired_capacity" {
  type = number
}

variable "health_check_grace_period" {
  description = "Seconds from launch to the first health check: boot, Docker install, image pull, start."
  type        = number
  default     = 180
}

variable "termination_hook_timeout" {
  description = "Seconds a terminating instance may take to drain before it is terminated anyway; null for no hook."
  type        = number
  default     = null
}

variable "initial_image" {
  description = "The Image tag of the first launch-template version: none, as no image was built and tested yet; roll-outs name one by digest."
  type        = string
  default     = "none"
}

variable "launch_hook_timeout" {
  description = "Seconds a launching instance may take to complete the launch hook ready (its boot script's CONTINUE once its service answers) before the group abandons it; null for no hook."
  type        = number
  default     = null
}
