// Package mou checks partnership Memoranda of Understanding (MOUs).
//
// Guidance for schools says an MOU, though not legally binding, should set
// out eight things: a mission statement; the aims and objectives; the
// planned activities; how the partnership will be monitored and evaluated;
// a lead from each institution; governance and oversight; any financial
// contributions; and how alterations and dissolution are handled. It should
// also make each objective SMART. Package mou checks a document against
// that guidance and against the MOU JSON Schema.
//
// # Checking
//
// [Check] takes the JSON text and returns a [Report] in one pass: a
// "syntax" finding with the line and column if the JSON is malformed;
// otherwise every schema violation first, then the guidance's rules run on
// whatever could be read, so that one check tells the user everything:
//
//	report := mou.Check(data)
//	for _, f := range report.Findings {
//		fmt.Println(f) // error objectives[1].deadline: Give objective o2 a deadline … (objective.not-time-bound)
//	}
//	if !report.Valid { … }
//
// A value that breaks the schema reads as absent for the rules; where a
// rule would then report at the very path of a schema violation, only the
// schema's finding is kept, as it says best what to put right there.
//
// Each [finding.Finding] has a stable code, a severity (error, warning or info), a
// JSON Pointer to the value it is about and a message in plain English
// that says what to do. An MOU with no error finding is valid. [Rules]
// lists every code with its severity and when it fires.
//
// # Options
//
// A programme can set the thresholds (the mission statement's words, the
// hub's schools), switch a rule off or change its severity, by code, with
// [Options]; the zero Options are the guidance's defaults, as Check
// applies them. Options are validated: an unknown code is an error that
// names it. The report names the options in force:
//
//	r, err := mou.Options{Off: []string{"signature.missing"}}.Check(data) // for drafts
//
// # Reading and writing
//
// [Parse] decodes a document into an [MOU] without checking it; the MOU's
// JSON round-trips the contract's documents. [MOU.Check] checks a value
// built in Go exactly as [Check] checks text.
//
// # Rendering
//
// [Render] writes an MOU to read, print and sign, in HTML or Markdown: the
// partners, the eight parts in the guidance's order, then a signature
// block for each partner; a part not yet written reads "Not yet agreed".
// Monitoring shows the evaluation plan when the MOU has one, and the
// Theory of Change as tables and, in HTML, as a diagram:
// [TheoryOfChangeSVG] draws the chain from activities through outputs and
// outcomes to the impact as inline SVG, which the browser's preview shows
// and which prints.
//
// [RenderLetter] writes the step before an MOU, in the same formats: a
// letter from one partner of a partnership document to a proposed partner,
// addressed by default to its school business manager, outlining the
// proposal, its aims and what the recipient would gain.
//
// # The evaluation plan
//
// Monitoring may carry an evaluation plan: the rationale and scope, the
// resources, when and by whom each kind of evidence is collected, the
// tools used, ethics, data security and how findings are shared. The
// evaluation-plan.* rules (and data-protection.no-security) ask for each
// part; they run only when the MOU has a monitoring section.
//
// # Numbers, dates and words
//
// Money is added exactly in decimal (0.1 + 0.2 is 0.3), to 15 significant
// figures: budgets and contributions are at most [MaxAmount] (a million
// million), so every valid amount adds up to the penny. A figure beyond
// the schema's limits (an amount above MaxAmount, a baseline or target
// beyond [MaxFigure], notice beyond [MaxNoticeDays] days) is a schema
// violation; the rules still read it as given, so none of them asks for a
// figure that is there, and finance.mismatch is not judged on amounts
// beyond MaxAmount. Dates are calendar dates written YYYY-MM-DD; a date written day
// first, as in 16/07/2027, is reported with the date rewritten. Words in
// the mission statement are counted in any script; a hyphenated word counts
// once.
package mou
