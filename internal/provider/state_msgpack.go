package provider

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"math"
	"math/big"
	"slices"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"
)

// The plain server (listing_server.go) writes a listing's state as the
// msgpack Terraform receives, straight from the listed records, with the
// encoder terraform-plugin-go uses and in its order (an object's attributes
// sorted by name), so that the bytes are those the framework sends for the
// same state. The equivalence test compares them.

// stateMsgPack writes config, an object value, with the attributes found
// replacing the configured ones, as stateWith does; the attribute named list
// is written by writeList, which must write a value of its type.
func stateMsgPack(config tftypes.Value, found map[string]tftypes.Value, list string,
	writeList func(*msgpack.Encoder, tftypes.Type) error, sizeHint int,
) ([]byte, error) {
	objectType, ok := config.Type().(tftypes.Object)
	if !ok {
		return nil, errors.New("the schema is not an object: this is a bug in the provider")
	}
	var configured map[string]tftypes.Value
	if !config.IsNull() {
		if err := config.As(&configured); err != nil {
			return nil, fmt.Errorf("reading the configuration: %w", err)
		}
	}
	var buf bytes.Buffer
	buf.Grow(sizeHint)
	// A bytes.Buffer is written to directly, unbuffered: the encoder's
	// writes and buf.Write below interleave in order.
	enc := msgpack.NewEncoder(&buf)
	names := slices.Sorted(maps.Keys(objectType.AttributeTypes))
	if err := enc.EncodeMapLen(len(names)); err != nil {
		return nil, err
	}
	for _, name := range names {
		attributeType := objectType.AttributeTypes[name]
		if err := enc.EncodeString(name); err != nil {
			return nil, err
		}
		if name == list {
			if err := writeList(enc, attributeType); err != nil {
				return nil, fmt.Errorf("writing %s: %w", name, err)
			}
			continue
		}
		value, ok := found[name]
		if !ok {
			value, ok = configured[name]
		}
		if !ok {
			value = tftypes.NewValue(attributeType, nil)
		}
		encoded, err := tfprotov6.NewDynamicValue(attributeType, value)
		if err != nil {
			return nil, fmt.Errorf("writing %s: %w", name, err)
		}
		buf.Write(encoded.MsgPack)
	}
	return buf.Bytes(), nil
}

// objectAttributes returns the sorted attribute names of a list of objects,
// the type of the list attribute a writeList receives.
func objectAttributes(listType tftypes.Type) (tftypes.Object, []string, error) {
	list, ok := listType.(tftypes.List)
	if !ok {
		return tftypes.Object{}, nil, fmt.Errorf("%s is not a list: this is a bug in the provider", listType)
	}
	element, ok := list.ElementType.(tftypes.Object)
	if !ok {
		return tftypes.Object{}, nil, fmt.Errorf("%s is not a list of objects: this is a bug in the provider", listType)
	}
	return element, slices.Sorted(maps.Keys(element.AttributeTypes)), nil
}

// unwrittenAttributeError is an attribute of the schema that a writer does
// not know: the schema changed without the writer.
func unwrittenAttributeError(name string) error {
	return fmt.Errorf("no value is written for the attribute %q: this is a bug in the provider", name)
}

// encodeOptionalString writes a string, or null for nil.
func encodeOptionalString(enc *msgpack.Encoder, s *string) error {
	if s == nil {
		return enc.EncodeNil()
	}
	return enc.EncodeString(*s)
}

// encodeTime writes t as rfc3339OrNull does.
func encodeTime(enc *msgpack.Encoder, t time.Time) error {
	if t.IsZero() {
		return enc.EncodeNil()
	}
	return enc.EncodeString(t.Format(time.RFC3339))
}

// encodeNumber writes f as terraform-plugin-go writes a number: a whole
// number that fits an int64 as an integer, a fraction as a float64, and a
// larger whole number as its decimal digits.
func encodeNumber(enc *msgpack.Encoder, f float64) error {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return fmt.Errorf("%v is not a number Terraform can hold", f)
	case f != math.Trunc(f):
		return enc.EncodeFloat64(f)
	case f >= math.MinInt64 && f < math.MaxInt64:
		return enc.EncodeInt(int64(f))
	}
	return enc.EncodeString(new(big.Float).SetFloat64(f).Text('f', -1))
}
