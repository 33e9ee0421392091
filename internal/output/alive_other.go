//go:build !unix

package output

import "os"

// alive reports whether process pid still runs. On Windows FindProcess
// opens the process, which fails when it is gone.
func alive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
