// Package api is partnerkit's checker as an HTTP API: an [http.Handler]
// that checks MOUs, scores self-assessments, tracks indicators, computes
// effect sizes and serves the JSON Schemas and the built-in frameworks.
// The same handler runs in `partnerkit serve`, in a Cloudflare Worker
// (examples/edge) and in any Go server that mounts it.
//
// # Serving
//
// [New] returns the handler; the zero [Options] is the safe default (1 MiB
// bodies, no cross-origin access):
//
//	h := api.New(api.Options{})
//	log.Fatal(http.ListenAndServe("127.0.0.1:8080", h))
//
// To mount it under a prefix of your own server:
//
//	mux.Handle("/checker/", http.StripPrefix("/checker", api.New(api.Options{
//		AllowedOrigins: []string{"https://forms.example.org"},
//	})))
//
// # Endpoints
//
//	POST /v1/mou/check            an MOU → {"valid", "findings"}
//	POST /v1/evaluations/score    {"framework": ID or framework, "assessments": [...]} → {"results", "combined"}
//	POST /v1/evaluations/readiness a score request of a phased framework, ?stage= → {"results": [readiness...]}
//	POST /v1/evaluations/progress an indicators document → {"indicators": [...]}
//	POST /v1/evaluations/effect   an effect-size document → {"g", "se", "ciLow", "ciHigh", "months"}
//	GET  /v1/schemas              the schemas: [{"name", "id", "title", "description", "url"}]
//	GET  /v1/schemas/{name}       one schema, as published (application/schema+json)
//	GET  /v1/frameworks           the built-in frameworks: [{"id", "version", "title", "dimensions", "questions", "url"}]
//	GET  /v1/frameworks/{id}      one framework document
//	GET  /healthz                 {"status": "ok"}
//
// Answers are JSON shaped like the command line's --json output, without
// file names; score answers {"results", "combined"} for one assessment
// too, so that its shape does not depend on how many are sent. An MOU
// that breaks the schema or the guidance is not an error: the check
// answers 200 with the findings, which is its point. GET endpoints answer
// HEAD too, without a body; every endpoint answers OPTIONS with Allow.
//
// # Options
//
// The MOU check, the score endpoints and progress take a programme's
// options as query parameters named as mou.Options and
// evaluation.Options marshal (?missionWords=60&off=signature.missing);
// readiness takes ?stage=. An answer given with options names them in its
// "options" member. A parameter the endpoint does not take, or a value it
// cannot take, is 400 [ProblemInvalidOption], before the body is read.
//
// # Requests
//
// Bodies must be JSON: Content-Type application/json or any
// application/*+json type, in UTF-8. A request with no Content-Type is
// read as JSON, for simple clients; any other type gets 415. Bodies are
// limited to Options.MaxBodyBytes and to [MaxValues] JSON values for each
// MiB of that limit (and at least MaxValues); a score
// request to [MaxAssessments] assessments, and an answer of at most 8
// times its body or 256 KiB; a progress request to [MaxIndicators]
// indicators. An MOU's report, and a 422's findings, list at most
// mou.MaxFindingsPerCode findings of one code, then one
// mou.CodeTruncated finding that counts the rest. So the work and the
// answer of any request stay within a small multiple of the body limit.
// After an error the handler reads at most 64 KiB more of the body; when
// it leaves some unread, the answer carries Connection: close.
//
// Every answer carries [ContentSecurityPolicy] (the browser form's policy
// with frame-ancestors 'none'), X-Frame-Options: DENY, Referrer-Policy:
// no-referrer and X-Content-Type-Options: nosniff.
//
// # Problems
//
// Errors are RFC 9457 problem details (application/problem+json): a
// [Problem] with a stable type, a title, the status, and a detail that
// says what to do. The types are:
//
//	400 ProblemMalformedJSON         the body is not JSON; "line" and "column" say where
//	400 ProblemIncompleteBody        the body was cut short, or could not be read to its end
//	404 ProblemNotFound              no such path, schema or framework
//	405 ProblemMethodNotAllowed      the Allow header lists the methods the path takes
//	413 ProblemBodyTooLarge          "maxBytes" is the limit
//	413 ProblemTooManyValues         "maxValues" is the limit
//	416 ProblemRangeNotSatisfiable   a Range header past the end of one of the form's files
//	415 ProblemUnsupportedMediaType  the body is not JSON in UTF-8
//	422 ProblemInvalidRequest        the request's shape is wrong, or over a limit: "findings" [{code, severity, path, message}]
//	422 ProblemInvalidDocument       a framework, assessment, indicators or study in it has errors: "findings"
//	500 ProblemInternal              a defect in the checker (logged to Options.Logger)
//
// Every 422 answers "findings", one shape. Paths in findings are JSON Pointers into the request
// body, such as /assessments/1/answers/sg2.
//
// # Cross-origin requests
//
// CORS is off unless Options.AllowedOrigins names origins. For an allowed
// origin every answer carries Access-Control-Allow-Origin, and preflight
// requests (OPTIONS) are answered with the methods and the Content-Type
// header allowed. The API takes no credentials.
package api
