package emulator

// Quirks are answers that real deployments of the API give and the spec
// allows, but that the current API does not: each one a way a provider
// exact against the current API could still be wrong.
type Quirks struct {
	// Pre2023 is a deployment from before 2023 (before SDK v0.1.64): answers
	// carry no instance_name, and the name and instance_name filters are
	// ignored.
	Pre2023 bool
	// Sparse leaves total_count out of every answer and writes the backups
	// of an empty page as null: both fields are optional in the spec.
	Sparse bool
	// NumericFields writes backup_level as a JSON number and size as an
	// integer (older SDKs model size as int64).
	NumericFields bool
	// GenericParameterError answers every invalid parameter with the
	// generic DBS.200001 "Parameter error.", which names no parameter.
	GenericParameterError bool
	// CodeMessageErrors writes error bodies as {"code", "message"}, as other
	// services of the cloud do, instead of {"error_code", "error_msg"}.
	CodeMessageErrors bool
	// RejectFutureTimes refuses a begin_time or end_time later than now, as
	// the vendor's documentation says the API does.
	RejectFutureTimes bool
	// IgnoreRestoreWindow ignores restore-time's start_time and end_time,
	// as deployments from before December 2025 (SDK v0.1.180) do: the answer
	// is then the whole retention.
	IgnoreRestoreWindow bool
	// SpansNewestFirst answers restore-time's spans newest first: the API
	// does not document their order.
	SpansNewestFirst bool
}
