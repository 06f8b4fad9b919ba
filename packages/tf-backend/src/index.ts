export {
  initBackend,
  backendRequests,
  BackendUnavailableError,
  type BackendRequest,
  type BackendChoice,
} from './init-backend';
