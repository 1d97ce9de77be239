package desk

// Action is something staff (or the citizen, for DocsReceived) do to a
// request. Every action becomes one timeline event.
type Action string

const (
	ActAccept       Action = "accept"        // an officer takes the file
	ActAssign       Action = "assign"        // a manager gives it to an officer
	ActRefer        Action = "refer"         // ارجاع to a unit or person, with an instruction
	ActNote         Action = "note"          // internal note, staff only
	ActRequestDocs  Action = "request_docs"  // ask the citizen for more documents
	ActDocsReceived Action = "docs_received" // the citizen sent them
	ActExtend       Action = "extend"        // move the promised date, with a reason
	ActAnswer       Action = "answer"        // final answer
	ActReject       Action = "reject"        // reasoned rejection with legal basis
	ActClose        Action = "close"         // مختومه
	ActReopen       Action = "reopen"        // a manager reopens, with a reason
	// ActDraftReply saves the reply to a request registered as a letter for
	// its unit's manager to sign (پیش‌نویس → امضا); staff only.
	ActDraftReply Action = "draft_reply"
)

// Rule says from which statuses an action may be taken, what status it
// leads to ("" keeps the status) and who may take it.
type Rule struct {
	From  []Status
	To    Status
	Roles []Role // empty: the citizen (DocsReceived)
}

var openStatuses = []Status{StatusSubmitted, StatusInProgress, StatusNeedsDocs}

// Transitions is Mizban's one state machine for requests.
var Transitions = map[Action]Rule{
	ActAccept:       {From: []Status{StatusSubmitted, StatusInProgress}, To: StatusInProgress, Roles: []Role{RoleOfficer, RoleManager}},
	ActAssign:       {From: []Status{StatusSubmitted, StatusInProgress}, To: StatusInProgress, Roles: []Role{RoleManager}},
	ActRefer:        {From: []Status{StatusSubmitted, StatusInProgress}, To: StatusInProgress, Roles: []Role{RoleDeskOperator, RoleOfficer, RoleManager}},
	ActNote:         {From: append(openStatuses, StatusAnswered, StatusRejected), Roles: []Role{RoleDeskOperator, RoleOfficer, RoleManager}},
	ActRequestDocs:  {From: []Status{StatusInProgress}, To: StatusNeedsDocs, Roles: []Role{RoleOfficer, RoleManager}},
	ActDocsReceived: {From: []Status{StatusNeedsDocs}, To: StatusInProgress},
	ActExtend:       {From: openStatuses, Roles: []Role{RoleOfficer, RoleManager}},
	ActAnswer:       {From: []Status{StatusInProgress}, To: StatusAnswered, Roles: []Role{RoleOfficer, RoleManager}},
	ActReject:       {From: openStatuses, To: StatusRejected, Roles: []Role{RoleOfficer, RoleManager}},
	ActClose:        {From: []Status{StatusAnswered, StatusRejected}, To: StatusClosed, Roles: []Role{RoleOfficer, RoleManager}},
	ActReopen:       {From: []Status{StatusAnswered, StatusRejected, StatusClosed}, To: StatusInProgress, Roles: []Role{RoleManager}},
	ActDraftReply:   {From: []Status{StatusInProgress}, Roles: []Role{RoleOfficer, RoleManager}},
}

// Next returns the status after action a from status s, or an EINVALID
// error saying in Persian why it is not allowed.
func Next(s Status, a Action) (Status, error) {
	rule, ok := Transitions[a]
	if !ok {
		return s, Errorf(EINVALID, "این کار شناخته نیست.")
	}
	for _, f := range rule.From {
		if f == s {
			if rule.To == "" {
				return s, nil
			}
			return rule.To, nil
		}
	}
	return s, Errorf(EINVALID, "این کار در وضعیت «%s» ممکن نیست.", StatusTitle[s])
}

// Allowed reports whether actor may take action a by role (unit checks are
// the caller's: they depend on the request).
func (a Actor) Allowed(act Action) bool {
	rule, ok := Transitions[act]
	return ok && a.HasAny(rule.Roles...)
}

// Open reports whether a request in status s is still being worked on.
func (s Status) Open() bool {
	return s == StatusSubmitted || s == StatusInProgress || s == StatusNeedsDocs
}
