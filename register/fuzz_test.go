package register_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/uuid"
	"github.com/partnerkit/partnerkit/register"
	"github.com/stretchr/testify/require"
)

// FuzzDocument saves hostile documents: each is refused with a
// ValidationError or kept exactly as sent, never a panic or a lost one.
func FuzzDocument(f *testing.F) {
	for _, seed := range []string{
		`{"name": "x", "model": "broad-area"}`,
		`{"partnership": {"name": "'); DROP TABLE documents; --"}}`,
		`{"partnership": 1}`,
		`{"partnership": {"partners": [{"id": "\u0000"}]}, "objectives": [{}]}`,
		`{"name": "` + "\xff\xfe" + `"}`,
		`[]`, `null`, `{`, ``, `{"a": 1e999999999}`,
	} {
		f.Add([]byte(seed))
	}
	f.Add(readData(f, "mou-riverside.json"))
	w := newWorld(f, register.Options{})
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, doc []byte) {
		v, err := w.r.SaveDocument(ctx, w.p["coordinator"], w.a, register.DocumentInput{Document: doc})
		var ve *register.ValidationError
		if errors.As(err, &ve) {
			require.NotEmpty(t, ve.Findings)
			return
		}
		require.NoError(t, err)
		got, err := w.r.GetVersion(ctx, w.p["coordinator"], w.a, v.Version)
		require.NoError(t, err)
		require.Equal(t, string(doc), string(got.Document))
		require.Equal(t, !hasError(v), v.Valid, "a version is valid when no finding is an error")
	})
}

func hasError(v register.Version) bool {
	for _, f := range v.Findings {
		if f.Severity.String() == "error" {
			return true
		}
	}
	return false
}

// FuzzSubmit sends hostile answers and keys: each is refused with a
// typed error or acknowledged and then readable by its respondent.
func FuzzSubmit(f *testing.F) {
	f.Add("k", []byte(answers(4, 3, 2, 2, 3)))
	f.Add("'; DELETE FROM answer_sets; --", []byte(answers(1, 1, 1, 1, 1)))
	f.Add("", []byte(`{}`))
	f.Add("k2", []byte(`{"framework": "mini-health-check", "answers": {"sg1": null, "zz": 3}}`))
	f.Add("k3", []byte(`{"framework": "mini-health-check", "answers": {"sg1": 1.5}}`))
	f.Add("k4", []byte(`{"framework": "mini-health-check", "answers": {}, "partnership": "00000000-0000-0000-0000-000000000001"}`))
	w := newWorld(f, register.Options{})
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, key string, doc []byte) {
		set := uuid.New()
		s, err := w.r.Submit(ctx, w.p["shared"], register.SubmissionInput{Key: key, AnswerSet: set, Assessment: doc})
		var ve *register.ValidationError
		if errors.As(err, &ve) {
			require.NotEmpty(t, ve.Findings)
			return
		}
		require.NoError(t, err)
		got, err := w.r.AnswerSet(ctx, w.p["shared"], s.AnswerSet)
		require.NoError(t, err)
		require.Equal(t, key, got.Key)
	})
}
