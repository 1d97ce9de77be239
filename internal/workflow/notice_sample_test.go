package workflow_test

import (
	"testing"

	"mizban/internal/notice"
	"mizban/internal/store"
	"mizban/internal/workflow"
)

// The template editor counts parts with notice.SampleVars: its link must be
// as long as a real one, so a text that fits there fits when sent.
func TestSampleLinkIsAsLongAsARealOne(t *testing.T) {
	token := store.NewSubscriptionToken() // same alphabet and length as request links
	real := workflow.LinkURL("https://mizban.example.gov.ir/", token)
	if real != "mizban.example.gov.ir/t/"+token {
		t.Fatalf("LinkURL = %q", real)
	}
	sample := notice.SampleVars().Link
	if len(sample) != len(real) || sample != "mizban.example.gov.ir/t/"+notice.SampleLinkToken {
		t.Errorf("sample link %q (%d characters), a real one %q (%d)", sample, len(sample), real, len(real))
	}
	if got, ok := store.ValidLinkToken(notice.SampleLinkToken); !ok || got != notice.SampleLinkToken {
		t.Errorf("sample token %q is not a valid link token", notice.SampleLinkToken)
	}
}
