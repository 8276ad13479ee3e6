package session

// MigrationCount is how many migrations there are: versions from
// parallel branches may leave gaps, so the latest is not the count.
var MigrationCount = len(migrations)
