// Package register is a programme's partnership register: it keeps
// partnerships and their documents, runs review rounds that gather every
// respondent's answers, reports on them with package evaluation, and
// follows each partnership's indicators over time. It knows nothing of
// HTTP: package api serves it, and `partnerkit serve` and the Cloudflare
// worker mount that.
//
// # The register
//
// A partnership's record is created from a partnership or MOU document
// ([Register.CreatePartnership]); each document saved afterwards
// ([Register.SaveDocument]) is a new [Version]. Documents are checked on
// the way in, with mou.Check for an MOU, and the findings kept with the
// version; a document with errors is saved as a draft, never dropped.
// Only text that is not a JSON object at all is refused.
//
// A review round ([Register.CreateRound]) names a framework, built in or
// the coordinator's own document, and a window: answers are taken from
// Opens until Closes. Invitations ([Register.CreateInvitations]) are per
// partner and kind of review (self or peer), each a link for one
// respondent or shared by a group. A respondent's answers
// ([Register.Submit]) are an assessment document; they may change them
// until the round closes, and the latest answers of each answer set win.
// An idempotency key makes a retried submission land once.
//
// A round's report ([Register.RoundReport]) counts the responses by
// partner and review, and combines the answers with evaluation's
// Combiner exactly as `partnerkit evaluate score` combines assessment
// files: each dimension's mean and spread, the flags respondents.disagree,
// partners.imbalance and review.gap, and the advice. Indicators
// ([Register.DefineIndicators], [Register.RecordActual]) keep every
// actual value with its date, and their progress, expected progress and
// status at each, as evaluation.Progress works them out.
// [Register.Outcomes] groups the indicators' latest progress by the Theory
// of Change outcome each names, as evaluation's ProgressByOutcome does,
// and a round's report carries the same in its outcomes.
//
// [Register.Export] writes everything as one JSON [Archive] and
// [Register.Import] restores it into an empty register: exported again,
// the archive is the same, byte for byte.
//
// # Roles and tokens
//
// There are three roles: the administrator (everything), the coordinator
// of one partnership, and the respondent of one invitation. Each is a
// bearer token: "pkt_" and 128 bits from crypto/rand in base64url. Only
// the token's SHA-256 is stored; [Register.Authenticate] looks the hash
// up and compares it in constant time, and returns the [Principal] that
// every other operation takes and checks. Tokens are revocable
// ([Register.RevokeToken], [Register.RevokeInvitation]); a revoked token
// authenticates no more.
//
// The first administrator token comes from [Register.Bootstrap], once, on
// a server's first start. [Operator] is the administrator of a program
// that holds the database itself, such as the command line's export; it
// must never stand for a request from the network.
//
// Errors are typed for the HTTP layer: [ErrUnauthenticated] (no valid
// token: 401), [ErrForbidden] (the role may not do this here: 403),
// [ErrNotFound] (404), [ErrClosed] and [ErrConflict] (409) and
// *[ValidationError] with findings (422). A token of one partnership
// never reaches another's data: what belongs to another partnership is
// not found, not forbidden, so that a token does not even learn that it
// exists.
//
// # Storage and migrations
//
// The register keeps its data through database/sql. [Open] takes the
// database and first runs the migrations embedded in the program, in
// order, recording each in a schema_version table; a database of a newer
// schema is refused. Package register/sqlite opens a register in one
// SQLite file through modernc.org/sqlite (pure Go): WAL mode, a busy
// timeout, foreign keys and synchronous=FULL, so that an acknowledged
// write is on the disk and survives kill -9 and a power cut alike. Its
// writes are group-committed: those that arrive while one transaction
// commits share the next, each in a savepoint of its own.
//
// The SQL is portable: TEXT, INTEGER and REAL columns, no SQLite-only
// functions, times as Unix milliseconds, dates as YYYY-MM-DD text,
// UUIDs as text, INSERT … ON CONFLICT for upserts. Placeholders are ?; a
// PostgreSQL driver would need them rewritten to $1, $2, … and booleans
// compared as integers.
//
// # Writing without transactions: Cloudflare D1
//
// D1 refuses transactions, so the register never relies on one. Every
// write is one call of an [Executor] with one statement, or a few that
// must land together and that D1 sends as one batch (which D1 applies
// all or nothing). [TxExecutor], the default, runs them in a
// transaction. Every write is idempotent: ids are made by the caller
// (uuid) so a retry converges on the same row; checks that must hold at
// the moment of writing are part of the statement, as a submission's
// INSERT … SELECT … WHERE the round is open and the invitation not
// revoked, ON CONFLICT DO UPDATE … WHERE the key is new and the
// revision not older. A version number is worked out in its INSERT
// (MAX(version) + 1), so two savers cannot take the same one.
//
// # Anonymity threshold
//
// A report shows a partner's own breakdown, and its mean in the
// combination, only when the partner has at least
// [DefaultAnonymityThreshold] (3) respondents; the partners.imbalance
// flags name only partners shown. The self-review and peer-review means,
// and the review.gap flags, are left out while fewer respondents than the
// threshold gave that kind of review, and the whole combination while the
// round has fewer respondents than it: a mean of one or two is a
// person's answers. Options.AnonymityThreshold overrides it (1 shows
// everything, as the command line does). No report holds a respondent's
// name or single answer set; [Register.AnswerSet] shows one only to its
// respondent. An administrator's export holds everything, for backup.
//
// # Scoring options
//
// Options.Scoring holds the thresholds the register scores with: the
// flags' coverage, spread and gaps, and the indicators' margins, as
// evaluation.Options documents them. Its zero value is evaluation's
// defaults; a programme that sets them (partnerkit serve takes the same
// flags as evaluate score and evaluate progress) gets them in every round
// report, in the programme view and in its indicators' progress.
package register
