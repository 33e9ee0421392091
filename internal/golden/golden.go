// Package golden helps tests that compare output with a golden file.
package golden

import (
	"strconv"
	"strings"
)

// Diff shows the first line where want and got differ, or "" when they are
// equal, so a failing golden test says where to look.
func Diff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + strconv.Itoa(i+1) + ":\n  want: " + w + "\n  got:  " + g
		}
	}
	return ""
}
