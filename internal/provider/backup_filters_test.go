package provider

import (
	"testing"
	"time"

	"github.com/gaussdb-terraform/terraform-provider-gaussdb/internal/client"
)

func TestListingID(t *testing.T) {
	at := func(s string) time.Time { v, _ := client.ParseTime(s); return v }
	base := client.BackupQuery{InstanceID: "i1", BeginTime: at("2020-07-06T10:41:14+0800")}
	sameInstantOtherForm := base
	sameInstantOtherForm.BeginTime = at("2020-07-06T02:41:14Z")
	otherStatus := base
	otherStatus.Statuses = []string{client.StatusFailed}

	again := base
	if listingID("p", base) != listingID("p", again) {
		t.Error("the same query gave two ids")
	}
	if listingID("p", base) != listingID("p", sameInstantOtherForm) {
		t.Error("one instant written two ways gave two ids")
	}
	if listingID("p", base) == listingID("p", otherStatus) {
		t.Error("different filters gave the same id")
	}
	if listingID("p", base) == listingID("q", base) {
		t.Error("different projects gave the same id")
	}
}
