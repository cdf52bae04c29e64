output "launch_template_id" {
  value = module.asg.launch_template_id
}

output "launch_template_arn" {
  value = module.asg.launch_template_arn
}

output "group_name" {
  value = module.asg.group_name
}

output "group_arn" {
  value = module.asg.group_arn
}

output "scaling" {
  description = "What the model and the instance type set: the precision, one instance's images a second, the backlog target and the largest size."
  value = {
    model                       = var.model
    precision                   = local.precision
    images_per_second           = local.images_per_second
    backlog_per_instance_target = local.backlog_per_instance_target
    max_size                    = local.max_size
  }
}
