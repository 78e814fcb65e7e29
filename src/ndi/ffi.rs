//! The few NDI SDK (v6) entry points the tools need, loaded at run time from `libndi.so.6` with
//! `libloading`, so the project builds and runs without the SDK. Struct layouts follow
//! `Processing.NDI.structs.h`, `.Send.h`, `.Recv.h` and `.Find.h` (NDI 6.3, shipped in the
//! `cyndilib` wheel) and are checked below at compile time for x86-64.

#![allow(non_camel_case_types, non_snake_case)]

use std::ffi::{c_char, c_void};

pub type Handle = *mut c_void;

/// `NDI_LIB_FOURCC('B','G','R','A')` and friends.
pub const fn fourcc(s: &[u8; 4]) -> u32 {
    s[0] as u32 | (s[1] as u32) << 8 | (s[2] as u32) << 16 | (s[3] as u32) << 24
}

pub const FOURCC_BGRA: u32 = fourcc(b"BGRA");
pub const FOURCC_BGRX: u32 = fourcc(b"BGRX");
pub const FRAME_FORMAT_PROGRESSIVE: i32 = 1;
pub const TIMECODE_SYNTHESIZE: i64 = i64::MAX;
pub const FRAME_TYPE_NONE: i32 = 0;
pub const FRAME_TYPE_VIDEO: i32 = 1;
pub const FRAME_TYPE_METADATA: i32 = 3;
pub const FRAME_TYPE_ERROR: i32 = 4;
pub const RECV_COLOR_BGRX_BGRA: i32 = 0;
pub const RECV_BANDWIDTH_HIGHEST: i32 = 100;

#[repr(C)]
pub struct VideoFrameV2 {
    pub xres: i32,
    pub yres: i32,
    pub fourcc: u32,
    pub frame_rate_n: i32,
    pub frame_rate_d: i32,
    pub picture_aspect_ratio: f32,
    pub frame_format_type: i32,
    pub timecode: i64,
    pub p_data: *mut u8,
    /// A union with `data_size_in_bytes` in the SDK; uncompressed frames use the stride.
    pub line_stride_in_bytes: i32,
    pub p_metadata: *const c_char,
    pub timestamp: i64,
}

#[repr(C)]
pub struct MetadataFrame {
    pub length: i32,
    pub timecode: i64,
    pub p_data: *mut c_char,
}

#[repr(C)]
pub struct SendCreate {
    pub p_ndi_name: *const c_char,
    pub p_groups: *const c_char,
    pub clock_video: bool,
    pub clock_audio: bool,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct Source {
    pub p_ndi_name: *const c_char,
    /// `p_url_address` / `p_ip_address` union.
    pub p_url_address: *const c_char,
}

#[repr(C)]
pub struct RecvCreateV3 {
    pub source_to_connect_to: Source,
    pub color_format: i32,
    pub bandwidth: i32,
    pub allow_video_fields: bool,
    pub p_ndi_recv_name: *const c_char,
}

#[repr(C)]
pub struct FindCreate {
    pub show_local_sources: bool,
    pub p_groups: *const c_char,
    pub p_extra_ips: *const c_char,
}

// Layouts as the SDK headers define them (LP64).
const _: () = {
    assert!(std::mem::size_of::<VideoFrameV2>() == 72);
    assert!(std::mem::offset_of!(VideoFrameV2, timecode) == 32);
    assert!(std::mem::offset_of!(VideoFrameV2, p_data) == 40);
    assert!(std::mem::offset_of!(VideoFrameV2, line_stride_in_bytes) == 48);
    assert!(std::mem::offset_of!(VideoFrameV2, p_metadata) == 56);
    assert!(std::mem::offset_of!(VideoFrameV2, timestamp) == 64);
    assert!(std::mem::size_of::<MetadataFrame>() == 24);
    assert!(std::mem::size_of::<SendCreate>() == 24);
    assert!(std::mem::size_of::<Source>() == 16);
    assert!(std::mem::offset_of!(RecvCreateV3, color_format) == 16);
    assert!(std::mem::offset_of!(RecvCreateV3, p_ndi_recv_name) == 32);
    assert!(std::mem::size_of::<RecvCreateV3>() == 40);
    assert!(std::mem::size_of::<FindCreate>() == 24);
};

/// Function pointers resolved from the runtime; `_lib` keeps it loaded for as long as they live.
pub struct Api {
    pub initialize: unsafe extern "C" fn() -> bool,
    pub version: unsafe extern "C" fn() -> *const c_char,
    pub send_create: unsafe extern "C" fn(*const SendCreate) -> Handle,
    pub send_destroy: unsafe extern "C" fn(Handle),
    pub send_send_video_v2: unsafe extern "C" fn(Handle, *const VideoFrameV2),
    pub send_send_metadata: unsafe extern "C" fn(Handle, *const MetadataFrame),
    pub send_get_no_connections: unsafe extern "C" fn(Handle, u32) -> i32,
    pub send_get_source_name: unsafe extern "C" fn(Handle) -> *const Source,
    pub find_create_v2: unsafe extern "C" fn(*const FindCreate) -> Handle,
    pub find_destroy: unsafe extern "C" fn(Handle),
    pub find_wait_for_sources: unsafe extern "C" fn(Handle, u32) -> bool,
    pub find_get_current_sources: unsafe extern "C" fn(Handle, *mut u32) -> *const Source,
    pub recv_create_v3: unsafe extern "C" fn(*const RecvCreateV3) -> Handle,
    pub recv_destroy: unsafe extern "C" fn(Handle),
    pub recv_capture_v2: unsafe extern "C" fn(Handle, *mut VideoFrameV2, *mut c_void, *mut MetadataFrame, u32) -> i32,
    pub recv_free_video_v2: unsafe extern "C" fn(Handle, *const VideoFrameV2),
    pub recv_free_metadata: unsafe extern "C" fn(Handle, *const MetadataFrame),
    _lib: libloading::Library,
}

impl Api {
    /// Loads `libndi.so.6` from `dir` and resolves every entry point; `NDIlib_v6_load` must exist,
    /// which tells a v6 runtime from an older one.
    pub fn load(path: &std::path::Path) -> Result<Api, String> {
        // SAFETY: loading a shared library runs its initialisers; libndi's are the vendor's.
        let lib = unsafe { libloading::Library::new(path) }.map_err(|e| format!("{}: {e}", path.display()))?;
        macro_rules! sym {
            ($name:literal) => {
                // SAFETY: the type matches the SDK's declaration of this symbol.
                *unsafe { lib.get($name) }.map_err(|e| format!("{}: {e}", String::from_utf8_lossy($name)))?
            };
        }
        let _v6: unsafe extern "C" fn() -> *const c_void = sym!(b"NDIlib_v6_load");
        Ok(Api {
            initialize: sym!(b"NDIlib_initialize"),
            version: sym!(b"NDIlib_version"),
            send_create: sym!(b"NDIlib_send_create"),
            send_destroy: sym!(b"NDIlib_send_destroy"),
            send_send_video_v2: sym!(b"NDIlib_send_send_video_v2"),
            send_send_metadata: sym!(b"NDIlib_send_send_metadata"),
            send_get_no_connections: sym!(b"NDIlib_send_get_no_connections"),
            send_get_source_name: sym!(b"NDIlib_send_get_source_name"),
            find_create_v2: sym!(b"NDIlib_find_create_v2"),
            find_destroy: sym!(b"NDIlib_find_destroy"),
            find_wait_for_sources: sym!(b"NDIlib_find_wait_for_sources"),
            find_get_current_sources: sym!(b"NDIlib_find_get_current_sources"),
            recv_create_v3: sym!(b"NDIlib_recv_create_v3"),
            recv_destroy: sym!(b"NDIlib_recv_destroy"),
            recv_capture_v2: sym!(b"NDIlib_recv_capture_v2"),
            recv_free_video_v2: sym!(b"NDIlib_recv_free_video_v2"),
            recv_free_metadata: sym!(b"NDIlib_recv_free_metadata"),
            _lib: lib,
        })
    }
}
