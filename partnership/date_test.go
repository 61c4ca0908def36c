package partnership

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestQuickDateAgreesWithTimeParse holds ParseDate's fast path to
// time.Parse: every date it accepts, time.Parse accepts as the same date,
// over every day of months 00 to 13 in years around the leap-year rules,
// and over strings a byte away from a date.
func TestQuickDateAgreesWithTimeParse(t *testing.T) {
	var inputs []string
	for _, y := range []int{0, 1, 4, 100, 400, 1900, 1999, 2000, 2024, 2027, 2100, 9999} {
		for m := 0; m <= 13; m++ {
			for d := 0; d <= 32; d++ {
				inputs = append(inputs, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
	for _, s := range []string{"", "2027-7-16", "2027-07-6", "27-07-16", "2027/07/16", "2027-07-16 ", " 2027-07-16",
		"2027-07-1x", "+027-07-16", "-027-07-16", "2027-07-16T00:00:00Z", "２０２７-07-16"} {
		inputs = append(inputs, s)
	}
	quick := 0
	for _, s := range inputs {
		d, ok := quickDate(s)
		tm, err := time.Parse(time.DateOnly, s)
		if ok {
			quick++
			require.NoError(t, err, s)
			require.Equal(t, DateOf(tm), d, s)
		}
		got, gotErr := ParseDate(s)
		if err != nil {
			require.Error(t, gotErr, s)
			continue
		}
		require.NoError(t, gotErr, s)
		require.Equal(t, DateOf(tm), got, s)
	}
	require.Greater(t, quick, 3000, "the fast path takes the common case")
}
