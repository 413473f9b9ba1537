//! A stand-in for ChirpStack's gRPC device API (ChirpStack itself does not
//! run here), served from ChirpStack's own definitions (`chirpstack_api`)
//! over real HTTP/2 on a local port. It behaves as ChirpStack v4's device
//! service does for what Meterline calls: it wants the API key as a bearer
//! token, refuses a DevEUI it holds, knows only its applications and
//! device profiles, and replaces a whole device on update.

use chirpstack_api::api;
use chirpstack_api::api::device_service_server::{DeviceService, DeviceServiceServer};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tonic::{Request, Response, Status};

pub const KEY: &str = "standin-api-key-7f3a";
pub const APPLICATION: &str = "6350f05f-6bae-45ee-85ce-54f5a565df68";
pub const OTHER_APPLICATION: &str = "0b9a7f43-1c1e-4d8f-9c67-2a3c8f0e1d55";
pub const ABP_PROFILE: &str = "4f4ac8d6-b0e0-42a5-bc48-655b9b850695";
pub const OTAA_PROFILE: &str = "9d2c4a70-3e55-4c1b-8f7e-5b0a6c2d1e93";

/// One device as the stand-in holds it.
#[derive(Debug, Clone, Default)]
pub struct Held {
    pub device: api::Device,
    pub keys: Option<api::DeviceKeys>,
    pub activation: Option<api::DeviceActivation>,
}

#[derive(Debug, Default)]
pub struct Inner {
    pub devices: BTreeMap<String, Held>,
    /// Each call's method, in order.
    pub calls: Vec<&'static str>,
}

#[derive(Debug, Clone, Default)]
pub struct StandIn {
    pub state: Arc<Mutex<Inner>>,
    /// Refuse activations and keys (a device left without a session).
    pub refuse_keys: Arc<AtomicBool>,
}

impl StandIn {
    /// Serves on a fresh local port; answers the API's URL.
    pub async fn start(&self) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let service = DeviceServiceServer::new(self.clone());
        tokio::spawn(
            tonic::transport::Server::builder()
                .add_service(service)
                .serve_with_incoming(tokio_stream::wrappers::TcpListenerStream::new(listener)),
        );
        url
    }

    pub fn device(&self, dev_eui: &str) -> Option<Held> {
        self.state.lock().unwrap().devices.get(dev_eui).cloned()
    }

    pub fn calls(&self) -> Vec<&'static str> {
        self.state.lock().unwrap().calls.clone()
    }

    fn admit<T>(&self, method: &'static str, request: &Request<T>) -> Result<std::sync::MutexGuard<'_, Inner>, Status> {
        let bearer = request.metadata().get("authorization").and_then(|v| v.to_str().ok());
        if bearer != Some(&format!("Bearer {KEY}")) {
            return Err(Status::unauthenticated("authentication failed: invalid token"));
        }
        let mut inner = self.state.lock().unwrap();
        inner.calls.push(method);
        Ok(inner)
    }
}

fn eui(raw: &str) -> Result<String, Status> {
    if raw.len() == 16 && raw.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(raw.to_ascii_lowercase())
    } else {
        Err(Status::invalid_argument(format!("invalid EUI64: {raw}")))
    }
}

fn key(raw: &str) -> Result<(), Status> {
    if raw.len() == 32 && raw.chars().all(|c| c.is_ascii_hexdigit()) {
        Ok(())
    } else {
        Err(Status::invalid_argument(format!("invalid AES128 key: {raw:?}")))
    }
}

fn unused() -> Status {
    Status::unimplemented("not played by the stand-in")
}

#[tonic::async_trait]
impl DeviceService for StandIn {
    async fn create(&self, request: Request<api::CreateDeviceRequest>) -> Result<Response<()>, Status> {
        let mut inner = self.admit("Create", &request)?;
        let device = request.into_inner().device.ok_or_else(|| Status::invalid_argument("device is missing"))?;
        let dev_eui = eui(&device.dev_eui)?;
        if ![APPLICATION, OTHER_APPLICATION].contains(&device.application_id.as_str())
            || ![ABP_PROFILE, OTAA_PROFILE].contains(&device.device_profile_id.as_str())
        {
            return Err(Status::not_found("Object does not exist"));
        }
        if inner.devices.contains_key(&dev_eui) {
            return Err(Status::already_exists(format!("Object already exists (id: {dev_eui})")));
        }
        inner.devices.insert(dev_eui, Held { device, ..Default::default() });
        Ok(Response::new(()))
    }

    async fn get(&self, request: Request<api::GetDeviceRequest>) -> Result<Response<api::GetDeviceResponse>, Status> {
        let inner = self.admit("Get", &request)?;
        let dev_eui = eui(&request.get_ref().dev_eui)?;
        let held = inner
            .devices
            .get(&dev_eui)
            .ok_or_else(|| Status::not_found(format!("Object does not exist (id: {dev_eui})")))?;
        Ok(Response::new(api::GetDeviceResponse { device: Some(held.device.clone()), ..Default::default() }))
    }

    async fn update(&self, request: Request<api::UpdateDeviceRequest>) -> Result<Response<()>, Status> {
        let mut inner = self.admit("Update", &request)?;
        let device = request.into_inner().device.ok_or_else(|| Status::invalid_argument("device is missing"))?;
        let dev_eui = eui(&device.dev_eui)?;
        let held = inner.devices.get_mut(&dev_eui).ok_or_else(|| Status::not_found("Object does not exist"))?;
        held.device = device;
        Ok(Response::new(()))
    }

    async fn delete(&self, request: Request<api::DeleteDeviceRequest>) -> Result<Response<()>, Status> {
        let mut inner = self.admit("Delete", &request)?;
        let dev_eui = eui(&request.get_ref().dev_eui)?;
        inner
            .devices
            .remove(&dev_eui)
            .ok_or_else(|| Status::not_found(format!("Object does not exist (id: {dev_eui})")))?;
        Ok(Response::new(()))
    }

    async fn create_keys(&self, request: Request<api::CreateDeviceKeysRequest>) -> Result<Response<()>, Status> {
        let mut inner = self.admit("CreateKeys", &request)?;
        let keys =
            request.into_inner().device_keys.ok_or_else(|| Status::invalid_argument("device_keys is missing"))?;
        key(&keys.nwk_key)?;
        if !keys.app_key.is_empty() {
            key(&keys.app_key)?;
        }
        if self.refuse_keys.load(Ordering::SeqCst) {
            return Err(Status::invalid_argument("the stand-in was told to refuse keys"));
        }
        let held =
            inner.devices.get_mut(&eui(&keys.dev_eui)?).ok_or_else(|| Status::not_found("Object does not exist"))?;
        held.keys = Some(keys);
        Ok(Response::new(()))
    }

    async fn activate(&self, request: Request<api::ActivateDeviceRequest>) -> Result<Response<()>, Status> {
        let mut inner = self.admit("Activate", &request)?;
        let activation = request
            .into_inner()
            .device_activation
            .ok_or_else(|| Status::invalid_argument("device_activation is missing"))?;
        for k in
            [&activation.app_s_key, &activation.nwk_s_enc_key, &activation.s_nwk_s_int_key, &activation.f_nwk_s_int_key]
        {
            key(k)?;
        }
        if self.refuse_keys.load(Ordering::SeqCst) {
            return Err(Status::invalid_argument("the stand-in was told to refuse keys"));
        }
        let held = inner
            .devices
            .get_mut(&eui(&activation.dev_eui)?)
            .ok_or_else(|| Status::not_found("Object does not exist"))?;
        held.activation = Some(activation);
        Ok(Response::new(()))
    }

    async fn list(&self, _: Request<api::ListDevicesRequest>) -> Result<Response<api::ListDevicesResponse>, Status> {
        Err(unused())
    }
    async fn get_keys(
        &self,
        _: Request<api::GetDeviceKeysRequest>,
    ) -> Result<Response<api::GetDeviceKeysResponse>, Status> {
        Err(unused())
    }
    async fn update_keys(&self, _: Request<api::UpdateDeviceKeysRequest>) -> Result<Response<()>, Status> {
        Err(unused())
    }
    async fn delete_keys(&self, _: Request<api::DeleteDeviceKeysRequest>) -> Result<Response<()>, Status> {
        Err(unused())
    }
    async fn flush_dev_nonces(&self, _: Request<api::FlushDevNoncesRequest>) -> Result<Response<()>, Status> {
        Err(unused())
    }
    async fn deactivate(&self, _: Request<api::DeactivateDeviceRequest>) -> Result<Response<()>, Status> {
        Err(unused())
    }
    async fn get_activation(
        &self,
        _: Request<api::GetDeviceActivationRequest>,
    ) -> Result<Response<api::GetDeviceActivationResponse>, Status> {
        Err(unused())
    }
    async fn get_random_dev_addr(
        &self,
        _: Request<api::GetRandomDevAddrRequest>,
    ) -> Result<Response<api::GetRandomDevAddrResponse>, Status> {
        Err(unused())
    }
    async fn get_metrics(
        &self,
        _: Request<api::GetDeviceMetricsRequest>,
    ) -> Result<Response<api::GetDeviceMetricsResponse>, Status> {
        Err(unused())
    }
    async fn get_link_metrics(
        &self,
        _: Request<api::GetDeviceLinkMetricsRequest>,
    ) -> Result<Response<api::GetDeviceLinkMetricsResponse>, Status> {
        Err(unused())
    }
    async fn enqueue(
        &self,
        _: Request<api::EnqueueDeviceQueueItemRequest>,
    ) -> Result<Response<api::EnqueueDeviceQueueItemResponse>, Status> {
        Err(unused())
    }
    async fn flush_queue(&self, _: Request<api::FlushDeviceQueueRequest>) -> Result<Response<()>, Status> {
        Err(unused())
    }
    async fn get_queue(
        &self,
        _: Request<api::GetDeviceQueueItemsRequest>,
    ) -> Result<Response<api::GetDeviceQueueItemsResponse>, Status> {
        Err(unused())
    }
    async fn get_next_f_cnt_down(
        &self,
        _: Request<api::GetDeviceNextFCntDownRequest>,
    ) -> Result<Response<api::GetDeviceNextFCntDownResponse>, Status> {
        Err(unused())
    }
}
