package session

import "strings"

// ActorKind says who made a change to a session.
type ActorKind string

// The actors of a workshop.
const (
	ActorFacilitator ActorKind = "facilitator" // at the laptop, in the terminal interface
	ActorParticipant ActorKind = "participant" // from their own device
	ActorCLI         ActorKind = "cli"         // a command from the shell or a script
	ActorImport      ActorKind = "import"      // a file brought in: a csv, a merged study
)

// Actor is who makes a change; every history row names one. Rules depend
// on it: a participant writes only their own cells, and only while their
// devices may rate.
type Actor struct {
	Kind        ActorKind
	Participant string // the participant's UUID, for ActorParticipant
	// stored is the text a history row holds when Kind and Participant
	// would write another ("cli:x", "participant" without a UUID: an old
	// or altered row): String gives it back, so that the chain hashes
	// what is stored.
	stored string
}

// Facilitator is the facilitator at the laptop.
func Facilitator() Actor { return Actor{Kind: ActorFacilitator} }

// CommandLine is a command run from the shell.
func CommandLine() Actor { return Actor{Kind: ActorCLI} }

// Importer is a file brought in.
func Importer() Actor { return Actor{Kind: ActorImport} }

// ParticipantActor is the participant with the UUID, on their device.
func ParticipantActor(uuid string) Actor { return Actor{Kind: ActorParticipant, Participant: uuid} }

// String is how the history stores the actor: "facilitator",
// "participant:<uuid>", "cli" or "import"; for an actor read from a row
// that holds other text, that text.
func (a Actor) String() string {
	if a.stored != "" {
		return a.stored
	}
	if a.Kind == ActorParticipant {
		return string(a.Kind) + ":" + a.Participant
	}
	return string(a.Kind)
}

// ParseActor reads Actor.String; "" (history written before actors were
// recorded) is the zero Actor. Any text reads back as itself through
// String: the chain hashes the actor as stored.
func ParseActor(s string) Actor {
	kind, uuid, colon := strings.Cut(s, ":")
	a := Actor{Kind: ActorKind(kind), Participant: uuid}
	if colon != (a.Kind == ActorParticipant) { // "cli:x", "participant"
		a.stored = s
	}
	return a
}
