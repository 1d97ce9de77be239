package desk

import "testing"

var allStatuses = []Status{StatusSubmitted, StatusInProgress, StatusNeedsDocs, StatusAnswered, StatusRejected, StatusClosed}

// TestTransitionsExhaustive checks every action from every status against
// the expected table, so a change to the state machine is a conscious one.
func TestTransitionsExhaustive(t *testing.T) {
	// want[action][from] = to; a missing entry means forbidden.
	S, P, N, A, R, C := StatusSubmitted, StatusInProgress, StatusNeedsDocs, StatusAnswered, StatusRejected, StatusClosed
	want := map[Action]map[Status]Status{
		ActAccept:       {S: P, P: P}, // P: a file referred to a unit's queue
		ActAssign:       {S: P, P: P},
		ActRefer:        {S: P, P: P},
		ActNote:         {S: S, P: P, N: N, A: A, R: R},
		ActRequestDocs:  {P: N},
		ActDocsReceived: {N: P},
		ActExtend:       {S: S, P: P, N: N},
		ActAnswer:       {P: A},
		ActReject:       {S: R, P: R, N: R},
		ActClose:        {A: C, R: C},
		ActReopen:       {A: P, R: P, C: P},
		ActDraftReply:   {P: P}, // keeps the status: the manager's answer moves it
	}
	if len(want) != len(Transitions) {
		t.Fatalf("%d actions in the machine, %d in the test", len(Transitions), len(want))
	}
	for act, row := range want {
		for _, from := range allStatuses {
			got, err := Next(from, act)
			to, ok := row[from]
			switch {
			case ok && (err != nil || got != to):
				t.Errorf("%s from %s = %s, %v; want %s", act, from, got, err, to)
			case !ok && err == nil:
				t.Errorf("%s from %s allowed (to %s); want refused", act, from, got)
			case !ok && (ErrorCode(err) != EINVALID || got != from):
				t.Errorf("%s from %s: refusal %v changed status to %s", act, from, err, got)
			}
		}
	}
	if _, err := Next(S, "fly"); ErrorCode(err) != EINVALID {
		t.Error("unknown action allowed")
	}
}

func TestActorAllowed(t *testing.T) {
	officer := Actor{Roles: []Role{RoleOfficer}}
	manager := Actor{Roles: []Role{RoleManager}}
	desk := Actor{Roles: []Role{RoleDeskOperator}}
	admin := Actor{Roles: []Role{RoleAdmin, RoleAuditor, RoleEditor}}
	for _, tc := range []struct {
		a    Actor
		act  Action
		want bool
	}{
		{officer, ActAnswer, true}, {officer, ActReopen, false}, {officer, ActAssign, false},
		{manager, ActReopen, true}, {manager, ActAssign, true},
		{desk, ActRefer, true}, {desk, ActAnswer, false}, {desk, ActNote, true},
		{admin, ActRefer, false}, {admin, ActAnswer, false}, {admin, ActNote, false},
		{officer, ActDocsReceived, false},
		{officer, ActDraftReply, true}, {manager, ActDraftReply, true},
		{desk, ActDraftReply, false}, {admin, ActDraftReply, false},
	} {
		if got := tc.a.Allowed(tc.act); got != tc.want {
			t.Errorf("%v.Allowed(%s) = %v; want %v", tc.a.Roles, tc.act, got, tc.want)
		}
	}
}
