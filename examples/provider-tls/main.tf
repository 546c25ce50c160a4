# A private gateway that requires a client certificate and is signed by a
# private CA. Each of cacert_file, cert and key is a path or the PEM text
# itself (OS_CACERT, OS_CERT and OS_KEY do the same).
provider "gaussdb" {
  region      = "cn-north-4"
  access_key  = var.access_key
  secret_key  = var.secret_key
  cacert_file = "~/pki/gateway-ca.pem"
  cert        = "~/pki/ci-client.pem"
  key         = var.client_key_pem

  endpoints = {
    gaussdb = "https://gaussdb.example.internal"
    iam     = "https://iam.example.internal"
  }
}

variable "access_key" {
  type = string
}

variable "secret_key" {
  type      = string
  sensitive = true
}

variable "client_key_pem" {
  type        = string
  sensitive   = true
  description = "The client certificate's private key, in PEM."
}
