// Package workcal is the working calendar behind promised answer dates: a
// weekly template of working weekdays, a table of official holidays that an
// administrator can import (the lunar ones move every year and are fixed only
// by the official calendar), and ad-hoc closures (heat, power, pollution).
// Due counts working days after the day a request was filed, or calendar
// days for services that run every day.
package workcal
