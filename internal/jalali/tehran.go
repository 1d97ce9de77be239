package jalali

import (
	"time"
	_ "time/tzdata" // Asia/Tehran without DST even where the host's zone data is old
)

// Tehran is the Asia/Tehran time zone. All day boundaries of this package
// are Tehran midnights.
var Tehran = loadTehran()

// tehranOffset is the standard offset, in force all year since 2022.
const tehranOffset = 3*3600 + 30*60

func loadTehran() *time.Location {
	loc, err := time.LoadLocation("Asia/Tehran")
	// The host's zone files are tried before the embedded copy; if they
	// still carry the abolished summer time, a fixed zone is more correct
	// for every date this service handles.
	summer := time.Date(2025, 7, 1, 12, 0, 0, 0, time.UTC)
	if err != nil {
		return time.FixedZone("+0330", tehranOffset)
	}
	if _, off := summer.In(loc).Zone(); off != tehranOffset {
		return time.FixedZone("+0330", tehranOffset)
	}
	return loc
}
