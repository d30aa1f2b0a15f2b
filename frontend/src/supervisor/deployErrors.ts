import { ApiError } from '../api/ApiError';
import { describeError } from '../api/describeError';

/** What the Supervisor block says about a failed deploy or delete, in plain words. */
export function describeDeployError(error: unknown): { title: string; message: string; detail?: string } {
  if (!(error instanceof ApiError)) return describeError(error);
  switch (error.code) {
    case 'ALREADY_EXISTS':
      return { title: 'Name taken', message: 'A supervisor with this name already exists in the workspace. Choose another name, then deploy.' };
    case 'DEPLOY_INCOMPLETE':
      return { title: 'Deploy incomplete', message: 'The supervisor is saved, but some tools did not sync (below). Deploy again to finish.', detail: error.detail };
    case 'NOT_FOUND':
      return { title: 'Not found', message: error.detail ?? 'Databricks does not know this supervisor or space.' };
    case 'INVALID_REQUEST':
      return { title: 'Cannot deploy this', message: error.detail ?? 'The supervisor’s fields do not check out.' };
    default: {
      const described = describeError(error);
      return { title: described.title, message: described.message, detail: described.detail };
    }
  }
}
