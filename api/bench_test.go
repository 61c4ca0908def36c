package api_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/partnerkit/partnerkit/api"
	"github.com/partnerkit/partnerkit/internal/apitest"
	"github.com/partnerkit/partnerkit/schemas"
)

// BenchmarkMOUCheck measures the handler alone, without a network: the
// floor under the edge worker's latency. Run it under WebAssembly too:
//
//	GOOS=js GOARCH=wasm go test -run '^$' -bench . -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" ./api/
func BenchmarkMOUCheck(b *testing.B) {
	if err := schemas.Precompile(); err != nil {
		b.Fatal(err)
	}
	h := api.New(api.Options{})
	for _, doc := range []string{"mou-valid", "mou-draft"} {
		body := apitest.Doc(doc)
		b.Run(doc, func(b *testing.B) {
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest("POST", "/v1/mou/check", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				h.ServeHTTP(rec, req)
				if rec.Code != 200 {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			}
		})
	}
}
