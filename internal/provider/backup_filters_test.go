package provider

import (
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/gaussdb"
)

func TestListingID(t *testing.T) {
	at := func(s string) time.Time { v, _ := gaussdb.ParseTime(s); return v }
	base := backupSelection{query: gaussdb.BackupQuery{InstanceID: "i1", BeginTime: at("2020-07-06T10:41:14+0800")}}
	sameInstantOtherForm := base
	sameInstantOtherForm.query.BeginTime = at("2020-07-06T02:41:14Z")
	otherStatus := base
	otherStatus.statuses = []string{gaussdb.StatusFailed}

	again := base
	if base.listingID("p") != again.listingID("p") {
		t.Error("the same query gave two ids")
	}
	if base.listingID("p") != sameInstantOtherForm.listingID("p") {
		t.Error("one instant written two ways gave two ids")
	}
	if base.listingID("p") == otherStatus.listingID("p") {
		t.Error("different filters gave the same id")
	}
	if base.listingID("p") == base.listingID("q") {
		t.Error("different projects gave the same id")
	}
}
