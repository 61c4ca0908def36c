package register

import (
	"encoding/csv"
	"io"
	"slices"
	"strconv"
	"strings"
)

// ProgrammeCSVHeader is the header row of the programme view's CSV.
func ProgrammeCSVHeader() []string {
	return []string{"id", "name", "model", "stage", "partners", "partner types", "sectors", "document",
		"valid", "errors", "warnings", "signed", "latest round", "round opens", "responses", "overall score", "band",
		"indicators met", "on track", "at risk", "off track", "needs attention"}
}

// WriteProgrammeCSV writes the programme view's rows as CSV, for a
// spreadsheet: a UTF-8 byte order mark (so that spreadsheets read the
// names as UTF-8), the header row, then one row per partnership. A cell
// that a spreadsheet would take for a formula (it starts with =, +, -, @,
// a tab or a carriage return) is prefixed with an apostrophe.
func WriteProgrammeCSV(w io.Writer, rows []ProgrammeRow) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(ProgrammeCSVHeader()); err != nil {
		return err
	}
	for _, row := range rows {
		var types, sectors []string
		for _, p := range row.Partners {
			types = append(types, string(p.Type))
			if p.Sector != "" {
				sectors = append(sectors, string(p.Sector))
			}
		}
		slices.Sort(types)
		slices.Sort(sectors)
		var round, opens, responses, score, band string
		if lr := row.Latest; lr != nil {
			round, opens, responses, band = lr.Title, lr.Opens.Format("2006-01-02"), strconv.Itoa(lr.Responses), lr.Band
			if lr.Overall != nil {
				score = strconv.FormatFloat(*lr.Overall, 'f', 1, 64)
			}
		}
		rec := []string{row.ID.String(), row.Name, string(row.Model), string(row.Stage), strconv.Itoa(len(row.Partners)),
			strings.Join(slices.Compact(types), "; "), strings.Join(slices.Compact(sectors), "; "), string(row.Kind),
			strconv.FormatBool(row.MOU.Valid), strconv.Itoa(row.MOU.Errors), strconv.Itoa(row.MOU.Warnings),
			strconv.Itoa(row.MOU.Signed) + " of " + strconv.Itoa(row.MOU.Partners), round, opens, responses, score, band,
			strconv.Itoa(row.Indicator.Met), strconv.Itoa(row.Indicator.OnTrack), strconv.Itoa(row.Indicator.AtRisk),
			strconv.Itoa(row.Indicator.OffTrack), strings.Join(row.Attention, "; ")}
		for i, c := range rec {
			rec[i] = defuse(c)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// defuse keeps a spreadsheet from reading a cell as a formula.
func defuse(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
