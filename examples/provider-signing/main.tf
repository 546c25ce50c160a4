# Accounts and regions that require the Chinese national algorithms sign
# with SM2SM3 (or HmacSM3); EcdsaP256SHA256 signs with an ECDSA key that
# the gateway derives from the same AK/SK. HW_SIGNING_ALGORITHM does the same.
provider "gaussdb" {
  region            = "cn-north-4"
  access_key        = var.access_key
  secret_key        = var.secret_key
  signing_algorithm = "SM2SM3"
}

variable "access_key" {
  type = string
}

variable "secret_key" {
  type      = string
  sensitive = true
}
