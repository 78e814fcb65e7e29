//! NDI: the runtime (loaded at run time, see [`ffi`]), senders, a finder and receivers, as safe
//! wrappers. The evidence-video tools (`if-ndi-pub`, `if-ndi-view`, `if-ndi-board`) are built on
//! these.
//!
//! The runtime is found in `$NDI_RUNTIME_DIR_V6` (as NDI's SDK documents), else in the usual
//! library folders. When it is absent, [`Runtime::load`] says so in one line; nothing else in
//! the project needs it.

pub mod board;
pub mod card;
pub mod chain;
pub mod events;
pub mod ffi;
pub mod live;
pub mod png;
pub mod publish;
pub mod verify;
pub mod view;

use std::collections::BTreeSet;
use std::ffi::{CStr, CString};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[derive(Debug, thiserror::Error)]
pub enum NdiError {
    #[error("NDI runtime not found: set NDI_RUNTIME_DIR_V6 to the folder holding libndi.so.6 (scripts/setup installs one in .venv)")]
    NotFound,
    #[error("NDI runtime: {0}")]
    Load(String),
    #[error("NDI runtime failed to initialise (unsupported CPU?)")]
    Init,
    #[error("NDI: could not create {0}")]
    Create(&'static str),
    #[error("NDI: a name or address contains a NUL byte")]
    Nul,
    #[error("NDI configuration {path}: {why}")]
    Config { path: String, why: String },
}

/// The configuration file the runtime would read: `$NDI_CONFIG_DIR/ndi-config.v1.json`, else
/// `$HOME/.ndi/ndi-config.v1.json`.
fn user_config_file() -> Option<PathBuf> {
    let dir = std::env::var_os("NDI_CONFIG_DIR")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".ndi")))?;
    Some(dir.join("ndi-config.v1.json"))
}

/// `existing` (the user's configuration, if any) with `discovery` (NDI discovery servers,
/// comma-separated) as `ndi.networks.discovery`; every other setting the user has is kept.
pub fn merged_config(existing: Option<&str>, discovery: &str) -> Result<String, String> {
    use serde_json::{Map, Value};
    let mut root = match existing {
        Some(text) => serde_json::from_str::<Value>(text).map_err(|e| format!("not JSON: {e}"))?,
        None => Value::Object(Map::new()),
    };
    let object = |v: &mut Value, what: &str| -> Result<(), String> {
        if v.is_null() {
            *v = Value::Object(Map::new());
        }
        v.is_object().then_some(()).ok_or_else(|| format!("`{what}` is not an object"))
    };
    object(&mut root, "(top level)")?;
    object(&mut root["ndi"], "ndi")?;
    object(&mut root["ndi"]["networks"], "ndi.networks")?;
    root["ndi"]["networks"]["discovery"] = Value::from(discovery);
    Ok(serde_json::to_string_pretty(&root).expect("JSON values serialise"))
}

/// A private configuration folder handed to the runtime through `NDI_CONFIG_DIR`; removed when
/// the last [`Runtime`] using it goes.
struct ConfigDir(PathBuf);

impl ConfigDir {
    fn create(discovery: &str) -> Result<Self, NdiError> {
        let existing_path = user_config_file();
        let existing = existing_path.as_ref().and_then(|p| std::fs::read_to_string(p).ok());
        let config = merged_config(existing.as_deref(), discovery).map_err(|why| NdiError::Config {
            path: existing_path.map_or_else(String::new, |p| p.display().to_string()),
            why,
        })?;
        let dir = std::env::temp_dir().join(format!(
            "ifconnect-ndi-{}-{}",
            std::process::id(),
            crate::message::random_hex(4)
        ));
        let io = |e: std::io::Error| NdiError::Config { path: dir.display().to_string(), why: e.to_string() };
        std::fs::create_dir(&dir).map_err(io)?;
        let guard = ConfigDir(dir.clone());
        std::fs::write(dir.join("ndi-config.v1.json"), config).map_err(io)?;
        Ok(guard)
    }
}

impl Drop for ConfigDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// TCP ports this process listens on (Linux: `/proc/self`), to tell which one a new sender opened.
fn own_listening_ports() -> BTreeSet<u16> {
    let inodes: BTreeSet<String> = std::fs::read_dir("/proc/self/fd")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| std::fs::read_link(e.path()).ok())
        .filter_map(|l| l.to_str()?.strip_prefix("socket:[")?.strip_suffix(']').map(str::to_owned))
        .collect();
    let mut ports = BTreeSet::new();
    for table in ["/proc/self/net/tcp", "/proc/self/net/tcp6"] {
        for line in std::fs::read_to_string(table).unwrap_or_default().lines().skip(1) {
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() > 9 && f[3] == "0A" && inodes.contains(f[9]) {
                if let Some(port) = f[1].rsplit(':').next().and_then(|p| u16::from_str_radix(p, 16).ok()) {
                    ports.insert(port);
                }
            }
        }
    }
    ports
}

/// The loaded NDI runtime.
#[derive(Clone)]
pub struct Runtime {
    api: Arc<ffi::Api>,
    pub version: String,
    pub path: PathBuf,
    _config: Option<Arc<ConfigDir>>,
}

impl Runtime {
    /// Where `libndi.so.6` is, if anywhere.
    pub fn locate() -> Option<PathBuf> {
        let dirs = std::env::var_os("NDI_RUNTIME_DIR_V6")
            .map(PathBuf::from)
            .into_iter()
            .chain(["/usr/lib", "/usr/local/lib", "/usr/lib/x86_64-linux-gnu"].into_iter().map(PathBuf::from));
        dirs.map(|d| d.join("libndi.so.6")).find(|p| p.exists())
    }

    pub fn load() -> Result<Self, NdiError> {
        Self::load_with_discovery(None)
    }

    /// Loads the runtime from the folder `dir` (holding `libndi.so.6`), whatever the environment
    /// says: for a process that cannot set `NDI_RUNTIME_DIR_V6` safely (it has threads already).
    pub fn load_from(dir: &Path) -> Result<Self, NdiError> {
        let path = dir.join("libndi.so.6");
        if !path.exists() {
            return Err(NdiError::NotFound);
        }
        Self::open(path, None)
    }

    /// Loads the runtime, with `discovery` (NDI discovery servers) laid over the user's NDI
    /// configuration when given. Call it before starting threads: it then sets `NDI_CONFIG_DIR`
    /// for this process.
    pub fn load_with_discovery(discovery: Option<&str>) -> Result<Self, NdiError> {
        let path = Self::locate().ok_or(NdiError::NotFound)?;
        let config = match discovery {
            None => None,
            Some(d) => {
                let dir = ConfigDir::create(d)?;
                std::env::set_var("NDI_CONFIG_DIR", &dir.0);
                Some(Arc::new(dir))
            }
        };
        Self::open(path, config)
    }

    fn open(path: PathBuf, config: Option<Arc<ConfigDir>>) -> Result<Self, NdiError> {
        let api = ffi::Api::load(&path).map_err(NdiError::Load)?;
        // SAFETY: entry points resolved from a v6 runtime, called as the SDK documents.
        if !unsafe { (api.initialize)() } {
            return Err(NdiError::Init);
        }
        // SAFETY: NDIlib_version returns a static NUL-terminated string.
        let version = unsafe { CStr::from_ptr((api.version)()) }.to_string_lossy().into_owned();
        Ok(Runtime { api: Arc::new(api), version, path, _config: config })
    }

    /// A sender publishing source `name`; `clock_video` makes `send_video` pace the frame rate.
    pub fn sender(&self, name: &str, clock_video: bool) -> Result<Sender, NdiError> {
        let name = CString::new(name).map_err(|_| NdiError::Nul)?;
        let create =
            ffi::SendCreate { p_ndi_name: name.as_ptr(), p_groups: std::ptr::null(), clock_video, clock_audio: false };
        let ports_before = own_listening_ports();
        // SAFETY: `create` and `name` outlive the call; the SDK copies what it keeps.
        let handle = unsafe { (self.api.send_create)(&create) };
        if handle.is_null() {
            return Err(NdiError::Create("a sender"));
        }
        // The sender's own TCP port, which receivers can connect to directly (`IP:PORT`) when
        // discovery fails; the runtime does not say it, so look for the listener it just opened.
        let deadline = Instant::now() + Duration::from_secs(1);
        let port = loop {
            let new = own_listening_ports().difference(&ports_before).copied().find(|p| *p != 5960);
            if new.is_some() || Instant::now() >= deadline {
                break new;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        Ok(Sender { api: self.api.clone(), handle, _name: name, port })
    }

    /// Waits up to `timeout` for source `name` (NDI's full `HOST (NAME)`, or just `NAME`),
    /// looking on the local machine and at `extra_ips` (comma-separated; mDNS is not relied on).
    pub fn find(&self, name: &str, extra_ips: Option<&str>, timeout: Duration) -> Result<Option<SourceInfo>, NdiError> {
        let ips = extra_ips.map(CString::new).transpose().map_err(|_| NdiError::Nul)?;
        let create = ffi::FindCreate {
            show_local_sources: true,
            p_groups: std::ptr::null(),
            p_extra_ips: ips.as_ref().map_or(std::ptr::null(), |c| c.as_ptr()),
        };
        // SAFETY: as above.
        let finder = unsafe { (self.api.find_create_v2)(&create) };
        if finder.is_null() {
            return Err(NdiError::Create("a finder"));
        }
        let deadline = Instant::now() + timeout;
        let mut found = None;
        while found.is_none() && Instant::now() < deadline {
            // SAFETY: `finder` is live until find_destroy below; the source list stays valid
            // until the next call on the finder, and we copy out of it at once.
            unsafe {
                (self.api.find_wait_for_sources)(finder, 200);
                let mut n = 0u32;
                let list = (self.api.find_get_current_sources)(finder, &mut n);
                for i in 0..n as usize {
                    let s = *list.add(i);
                    let source_name = CStr::from_ptr(s.p_ndi_name).to_string_lossy().into_owned();
                    if source_name == name || source_name.ends_with(&format!("({name})")) {
                        let url = (!s.p_url_address.is_null())
                            .then(|| CStr::from_ptr(s.p_url_address).to_string_lossy().into_owned());
                        found = Some(SourceInfo { name: source_name, url });
                        break;
                    }
                }
            }
        }
        // SAFETY: created above, destroyed once.
        unsafe { (self.api.find_destroy)(finder) };
        Ok(found)
    }

    /// A receiver connected to `source`, delivering BGRX/BGRA video.
    pub fn receiver(&self, source: &SourceInfo) -> Result<Receiver, NdiError> {
        let name = CString::new(source.name.as_str()).map_err(|_| NdiError::Nul)?;
        let url = source.url.as_deref().map(CString::new).transpose().map_err(|_| NdiError::Nul)?;
        let create = ffi::RecvCreateV3 {
            source_to_connect_to: ffi::Source {
                // A source addressed directly has no name; the runtime then goes by the URL.
                p_ndi_name: if source.name.is_empty() { std::ptr::null() } else { name.as_ptr() },
                p_url_address: url.as_ref().map_or(std::ptr::null(), |c| c.as_ptr()),
            },
            color_format: ffi::RECV_COLOR_BGRX_BGRA,
            bandwidth: ffi::RECV_BANDWIDTH_HIGHEST,
            allow_video_fields: false,
            p_ndi_recv_name: std::ptr::null(),
        };
        // SAFETY: as above.
        let handle = unsafe { (self.api.recv_create_v3)(&create) };
        if handle.is_null() {
            return Err(NdiError::Create("a receiver"));
        }
        Ok(Receiver { api: self.api.clone(), handle })
    }
}

/// A source on the network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceInfo {
    pub name: String,
    pub url: Option<String>,
}

impl SourceInfo {
    /// A source addressed directly (`IP:PORT`), without discovery.
    pub fn at(addr: std::net::SocketAddr) -> Self {
        SourceInfo { name: String::new(), url: Some(addr.to_string()) }
    }

    /// How to name the source to a person: its NDI name, else its address.
    pub fn label(&self) -> &str {
        if self.name.is_empty() {
            self.url.as_deref().unwrap_or("")
        } else {
            &self.name
        }
    }
}

pub struct Sender {
    api: Arc<ffi::Api>,
    handle: ffi::Handle,
    _name: CString,
    /// The TCP port receivers connect to, when it could be told (Linux).
    pub port: Option<u16>,
}

// SAFETY: the SDK allows a sender to be used from any one thread at a time.
unsafe impl Send for Sender {}

impl Sender {
    /// Sends one opaque frame (`width * height * 4` bytes, B G R and a fourth byte that is
    /// ignored: sent as BGRX, which spares NDI's encoder an alpha plane) with `metadata` (XML, if
    /// any) as its per-frame metadata, which NDI delivers with this very frame. With
    /// `clock_video` this blocks to pace the frame rate.
    pub fn send_video(
        &self,
        bgra: &[u8],
        width: u32,
        height: u32,
        fps: (i32, i32),
        timecode: i64,
        metadata: Option<&str>,
    ) -> Result<(), NdiError> {
        assert_eq!(bgra.len(), (width * height * 4) as usize, "frame size");
        let metadata = metadata.map(CString::new).transpose().map_err(|_| NdiError::Nul)?;
        let frame = ffi::VideoFrameV2 {
            xres: width as i32,
            yres: height as i32,
            fourcc: ffi::FOURCC_BGRX,
            frame_rate_n: fps.0,
            frame_rate_d: fps.1,
            picture_aspect_ratio: 0.0,
            frame_format_type: ffi::FRAME_FORMAT_PROGRESSIVE,
            timecode,
            p_data: bgra.as_ptr() as *mut u8,
            line_stride_in_bytes: (width * 4) as i32,
            p_metadata: metadata.as_ref().map_or(std::ptr::null(), |m| m.as_ptr()),
            timestamp: 0,
        };
        // SAFETY: the synchronous send copies the frame and its metadata before returning;
        // `bgra` and `metadata` outlive it.
        unsafe { (self.api.send_send_video_v2)(self.handle, &frame) };
        Ok(())
    }

    /// Sends one metadata frame (NDI metadata is XML).
    pub fn send_metadata(&self, xml: &str, timecode: i64) -> Result<(), NdiError> {
        let text = CString::new(xml).map_err(|_| NdiError::Nul)?;
        let frame =
            ffi::MetadataFrame { length: text.as_bytes().len() as i32 + 1, timecode, p_data: text.as_ptr() as *mut _ };
        // SAFETY: the SDK copies the metadata before returning.
        unsafe { (self.api.send_send_metadata)(self.handle, &frame) };
        Ok(())
    }

    /// The full NDI name, `HOST (NAME)`, as finders list it.
    pub fn source_name(&self) -> String {
        // SAFETY: live handle; the returned source lives as long as the sender, copied at once.
        unsafe {
            let s = (self.api.send_get_source_name)(self.handle);
            if s.is_null() || (*s).p_ndi_name.is_null() {
                return String::new();
            }
            CStr::from_ptr((*s).p_ndi_name).to_string_lossy().into_owned()
        }
    }

    /// Connected receivers, waiting up to `timeout_ms` for the first.
    pub fn connections(&self, timeout_ms: u32) -> i32 {
        // SAFETY: live handle.
        unsafe { (self.api.send_get_no_connections)(self.handle, timeout_ms) }
    }
}

impl Drop for Sender {
    fn drop(&mut self) {
        // SAFETY: created by send_create, destroyed once.
        unsafe { (self.api.send_destroy)(self.handle) };
    }
}

/// What one capture call returned.
#[derive(Debug)]
pub enum Received<'a> {
    Video(VideoFrame<'a>),
    Metadata { xml: String, timecode: i64 },
    Nothing,
    Disconnected,
}

pub struct Receiver {
    api: Arc<ffi::Api>,
    handle: ffi::Handle,
}

// SAFETY: as for Sender.
unsafe impl Send for Receiver {}

impl Receiver {
    /// Waits up to `timeout_ms` for a video or metadata frame. Video stays in the runtime's
    /// buffer until the [`VideoFrame`] is dropped; metadata is copied out and freed at once.
    pub fn capture(&self, timeout_ms: u32) -> Received<'_> {
        let mut video = std::mem::MaybeUninit::<ffi::VideoFrameV2>::zeroed();
        let mut meta = std::mem::MaybeUninit::<ffi::MetadataFrame>::zeroed();
        // SAFETY: out-parameters sized per the SDK; frames are freed with the matching call
        // (video by `VideoFrame`'s drop, once).
        unsafe {
            match (self.api.recv_capture_v2)(
                self.handle,
                video.as_mut_ptr(),
                std::ptr::null_mut(),
                meta.as_mut_ptr(),
                timeout_ms,
            ) {
                ffi::FRAME_TYPE_VIDEO => Received::Video(VideoFrame { receiver: self, frame: video.assume_init() }),
                ffi::FRAME_TYPE_METADATA => {
                    let m = meta.assume_init();
                    let xml = if m.p_data.is_null() {
                        String::new()
                    } else {
                        CStr::from_ptr(m.p_data).to_string_lossy().into_owned()
                    };
                    (self.api.recv_free_metadata)(self.handle, &m);
                    Received::Metadata { xml, timecode: m.timecode }
                }
                ffi::FRAME_TYPE_ERROR => Received::Disconnected,
                _ => Received::Nothing,
            }
        }
    }
}

/// A received video frame (BGRX/BGRA), read in the runtime's own buffer, which is given back
/// when this is dropped.
pub struct VideoFrame<'a> {
    receiver: &'a Receiver,
    frame: ffi::VideoFrameV2,
}

impl VideoFrame<'_> {
    pub fn width(&self) -> u32 {
        self.frame.xres.max(0) as u32
    }

    pub fn height(&self) -> u32 {
        self.frame.yres.max(0) as u32
    }

    pub fn timecode(&self) -> i64 {
        self.frame.timecode
    }

    pub fn timestamp(&self) -> i64 {
        self.frame.timestamp
    }

    /// The picture, rows `line_stride_in_bytes` apart; empty if the runtime gave no pixels or a
    /// stride too short for the width.
    pub fn image(&self) -> card::Image<'_> {
        let (w, h) = (self.width(), self.height());
        let stride = self.frame.line_stride_in_bytes.max(0) as usize;
        let len = if self.frame.p_data.is_null() || stride < w as usize * 4 || h == 0 {
            0
        } else {
            stride * (h as usize - 1) + w as usize * 4
        };
        let data = if len == 0 {
            &[][..]
        } else {
            // SAFETY: the runtime's frame holds `yres` rows of `line_stride_in_bytes`, valid until
            // it is freed in drop, which the borrow of `self` outlives.
            unsafe { std::slice::from_raw_parts(self.frame.p_data, len) }
        };
        card::Image { data, width: if len == 0 { 0 } else { w }, height: if len == 0 { 0 } else { h }, stride }
    }

    /// The frame's own per-frame metadata (`p_metadata`), if it has any.
    pub fn metadata(&self) -> Option<String> {
        // SAFETY: a NUL-terminated string owned by the frame, copied out at once.
        (!self.frame.p_metadata.is_null())
            .then(|| unsafe { CStr::from_ptr(self.frame.p_metadata) }.to_string_lossy().into_owned())
    }

    /// The pixels, copied and packed (`width * 4` bytes a row).
    pub fn to_bgra(&self) -> Vec<u8> {
        self.image().to_packed()
    }
}

impl std::fmt::Debug for VideoFrame<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VideoFrame")
            .field("width", &self.width())
            .field("height", &self.height())
            .field("timecode", &self.timecode())
            .field("metadata", &self.metadata())
            .finish()
    }
}

impl Drop for VideoFrame<'_> {
    fn drop(&mut self) {
        // SAFETY: captured from this receiver, freed once.
        unsafe { (self.receiver.api.recv_free_video_v2)(self.receiver.handle, &self.frame) };
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        // SAFETY: created by recv_create_v3, destroyed once.
        unsafe { (self.api.recv_destroy)(self.handle) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_discovery_setting_is_laid_over_the_users_configuration() {
        let user = r#"{"ndi": {"machinename": "studio", "networks": {"ips": "192.168.1.9"}, "rudp": {"send": {"enable": false}}}}"#;
        let merged: serde_json::Value =
            serde_json::from_str(&merged_config(Some(user), "10.0.0.5:5959").unwrap()).unwrap();
        assert_eq!(merged["ndi"]["machinename"], "studio");
        assert_eq!(merged["ndi"]["rudp"]["send"]["enable"], false);
        assert_eq!(merged["ndi"]["networks"]["discovery"], "10.0.0.5:5959");
        assert_eq!(merged["ndi"]["networks"]["ips"], "192.168.1.9");
        let fresh: serde_json::Value = serde_json::from_str(&merged_config(None, "10.0.0.5:5959").unwrap()).unwrap();
        assert_eq!(fresh["ndi"]["networks"]["discovery"], "10.0.0.5:5959");
    }

    #[test]
    fn a_broken_user_configuration_is_reported_not_overwritten() {
        assert!(merged_config(Some("{not json"), "d").unwrap_err().starts_with("not JSON"));
        assert_eq!(merged_config(Some(r#"{"ndi": 3}"#), "d").unwrap_err(), "`ndi` is not an object");
        assert_eq!(merged_config(Some("[]"), "d").unwrap_err(), "`(top level)` is not an object");
    }
}
