package provider

import (
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/config"
)

// rawBlock turns the provider block, as Terraform sends it, into the
// values config.Resolve reads: generic, so that an argument added to the
// table needs no code here.
func rawBlock(block tftypes.Value) (map[string]config.Raw, error) {
	var attributes map[string]tftypes.Value
	if err := block.As(&attributes); err != nil {
		return nil, fmt.Errorf("reading the provider block: %w", err)
	}
	raw := make(map[string]config.Raw, len(attributes))
	for name, value := range attributes {
		r, err := rawValue(value)
		if err != nil {
			return nil, fmt.Errorf("reading %s: %w", name, err)
		}
		raw[name] = r
	}
	return raw, nil
}

// rawValue turns one value into a config.Raw.
func rawValue(v tftypes.Value) (config.Raw, error) {
	switch {
	case !v.IsKnown():
		return config.Raw{Unknown: true}, nil
	case v.IsNull():
		return config.Raw{Null: true}, nil
	}
	typ := v.Type()
	switch {
	case typ.Is(tftypes.String):
		var s string
		err := v.As(&s)
		return config.Raw{Text: s}, err
	case typ.Is(tftypes.Number):
		var n big.Float
		err := v.As(&n)
		return config.Raw{Text: n.Text('f', -1)}, err
	case typ.Is(tftypes.Bool):
		var b bool
		err := v.As(&b)
		return config.Raw{Text: fmt.Sprint(b)}, err
	case typ.Is(tftypes.Map{}):
		var elements map[string]tftypes.Value
		if err := v.As(&elements); err != nil {
			return config.Raw{}, err
		}
		r := config.Raw{Map: map[string]config.Raw{}}
		for key, element := range elements {
			value, err := rawValue(element)
			if err != nil {
				return config.Raw{}, err
			}
			r.Map[key] = value
		}
		return r, nil
	case typ.Is(tftypes.List{}):
		var blocks []tftypes.Value
		if err := v.As(&blocks); err != nil {
			return config.Raw{}, err
		}
		r := config.Raw{}
		for _, b := range blocks {
			if !b.IsKnown() {
				return config.Raw{Unknown: true}, nil
			}
			values, err := rawBlock(b)
			if err != nil {
				return config.Raw{}, err
			}
			r.Blocks = append(r.Blocks, values)
		}
		return r, nil
	}
	return config.Raw{}, fmt.Errorf("unexpected type %s", typ)
}
