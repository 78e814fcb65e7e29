//! What every tool's events have in common, so that one writer can turn any of them into a
//! signed IFMessage (the pipeline layer's event writer) and every event reads the same way in the
//! audit log: `content.event` is the name, `content.summary` one line for people, the rest of
//! `content` the event's own fields.

use super::factory::{default_scope, MessageSpec};
use super::model::{Hazard, Performative};
use serde_json::{Map, Value};

/// One event of a tool, before it is signed.
///
/// ```
/// use ifconnect::message::{fields_of, Event, MessageSpec};
/// use serde_json::{Map, Value};
///
/// #[derive(serde::Serialize)]
/// struct Admitted { endpoint: String, bandwidth: u32 }
///
/// impl Event for Admitted {
///     fn name(&self) -> &str { "h323.admitted" }
///     fn summary(&self) -> String { format!("{} admitted", self.endpoint) }
///     fn content(&self) -> Map<String, Value> { fields_of(self) }
/// }
///
/// let spec = MessageSpec::from_event(&Admitted { endpoint: "guardian-1".into(), bandwidth: 640 }, "h323-gk");
/// assert_eq!(spec.content["event"], "h323.admitted");
/// assert_eq!(spec.content["bandwidth"], 640);
/// assert_eq!(spec.scope.workflow, "h323-gk");
/// ```
pub trait Event {
    /// Dotted name, e.g. `sip.transaction`, `call.answered`, `ndi.anomaly`.
    fn name(&self) -> &str;
    /// One line for a person reading the log.
    fn summary(&self) -> String;
    /// The event's own fields (an object); `event` and `summary` are added beside them.
    fn content(&self) -> Map<String, Value>;
    fn performative(&self) -> Performative {
        Performative::Inform
    }
    /// The incident this event belongs to, when it is known.
    fn trace_id(&self) -> Option<String> {
        None
    }
    fn hazard(&self) -> Option<Hazard> {
        None
    }
    fn conversation_id(&self) -> Option<String> {
        None
    }
}

/// The fields of a value that serialises to an object (a struct), for [`Event::content`].
/// Anything else gives an empty object: content is always an object.
pub fn fields_of<T: serde::Serialize + ?Sized>(value: &T) -> Map<String, Value> {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

impl MessageSpec {
    /// The message for `event`, addressed to the witness (`if://agent/witness`), in the default
    /// scope of `workflow` (the tool, e.g. `sip-proxy`).
    pub fn from_event(event: &dyn Event, workflow: &str) -> Self {
        let mut spec = MessageSpec::new(event.performative(), "if://agent/witness", default_scope(workflow));
        spec.content = event.content();
        spec.content.insert("event".into(), event.name().into());
        spec.content.insert("summary".into(), event.summary().into());
        spec.trace_id = event.trace_id().filter(|t| super::is_trace_id(t));
        spec.hazard = event.hazard();
        spec.conversation_id = event.conversation_id();
        spec
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Ping {
        trace: &'static str,
    }

    impl Event for Ping {
        fn name(&self) -> &str {
            "test.ping"
        }
        fn summary(&self) -> String {
            "ping".into()
        }
        fn content(&self) -> Map<String, Value> {
            let mut m = Map::new();
            m.insert("event".into(), "overridden".into());
            m.insert("n".into(), 1.into());
            m
        }
        fn trace_id(&self) -> Option<String> {
            Some(self.trace.into())
        }
    }

    #[test]
    fn name_and_summary_win_and_a_bad_trace_id_is_dropped() {
        let spec = MessageSpec::from_event(&Ping { trace: "0123456789ab" }, "test");
        assert_eq!(spec.content["event"], "test.ping");
        assert_eq!(spec.content["summary"], "ping");
        assert_eq!(spec.content["n"], 1);
        assert_eq!(spec.trace_id.as_deref(), Some("0123456789ab"));
        assert_eq!(spec.scope.workflow, "test");
        let spec = MessageSpec::from_event(&Ping { trace: "not-a-trace" }, "test");
        assert_eq!(spec.trace_id, None, "a malformed trace id would make the message invalid");
    }
}
