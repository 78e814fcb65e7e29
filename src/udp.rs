//! UDP sockets for servers, shared by every protocol's driver: bound with a receive buffer
//! large enough for a burst. Linux's default (about 200 KiB) holds some 90 datagrams of a kilobyte:
//! a burst of ARQs from a council, or of INVITEs, beyond it is dropped by the kernel before the
//! server sees it, each costing its sender a retransmission seconds later.

use std::io;
use std::net::{SocketAddr, UdpSocket};

/// The receive buffer asked for; the kernel caps it at `net.core.rmem_max`.
pub const RECEIVE_BUFFER: usize = 4 << 20;

/// Binds `listen` (port 0: the OS picks one) with a [`RECEIVE_BUFFER`] as large as the kernel
/// allows.
pub fn bind(listen: SocketAddr) -> io::Result<UdpSocket> {
    let socket =
        socket2::Socket::new(socket2::Domain::for_address(listen), socket2::Type::DGRAM, Some(socket2::Protocol::UDP))?;
    if let Err(e) = socket.set_recv_buffer_size(RECEIVE_BUFFER) {
        tracing::warn!("receive buffer of {RECEIVE_BUFFER} bytes refused: {e}");
    }
    socket.bind(&listen.into())?;
    Ok(socket.into())
}
