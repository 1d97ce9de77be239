package api

import (
	"net/http"

	"mizban/internal/workflow"
)

// route is one endpoint; Path is below Prefix, in ServeMux syntax, which
// is also the OpenAPI path syntax (the tests hold the two together).
type route struct {
	Method, Path string
	Handle       http.HandlerFunc
}

// routes is the one table of the API.
func (a *API) routes() []route {
	return []route{
		{"GET", "/services", a.listServices},
		{"GET", "/services/{code}", a.getService},
		{"POST", "/applications", a.createApplication},
		{"POST", "/applications/{id}/otp", a.resendCode},
		{"POST", "/applications/{id}/confirm", a.confirm},
		{"POST", "/track", a.track},
		{"GET", "/integration/requests", a.integration(workflow.ScopeRequestsRead, a.listChanges)},
		{"POST", "/integration/requests", ownIdempotency(a.integration(workflow.ScopeRequestsCreate, a.createIntegrationRequest))},
		{"GET", "/integration/requests/{tracking}", a.integration(workflow.ScopeRequestsRead, a.getIntegrationRequest)},
		{"POST", "/integration/requests/{tracking}/referrals", a.integration(workflow.ScopeEventsWrite, a.referIntegrationRequest)},
		{"POST", "/integration/requests/{tracking}/close", a.integration(workflow.ScopeEventsWrite, a.closeIntegrationRequest)},
		{"POST", "/integration/requests/{tracking}/letters", a.integration(workflow.ScopeEventsWrite, a.registerIntegrationLetter)},
		{"POST", "/integration/requests/{tracking}/replies", a.integrationUpTo(workflow.ScopeEventsWrite, a.replyLimit, a.registerIntegrationReply)},
		{"GET", "/openapi.json", a.openAPI},
	}
}
