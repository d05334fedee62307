import { problemOf, type ApiProblem } from '../../api/client';
import { accessToken } from '../../session/auth';

/** The first step of adding a document: the file to POST /attachments (the api's one error shape on refusal). */
export async function uploadAttachment(file: File): Promise<{ uploadId: string } | { problem: ApiProblem }> {
  const body = new FormData();
  body.append('file', file);
  try {
    const response = await fetch('/attachments', {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken() ?? ''}` },
      body,
    });
    const answer = (await response.json()) as {
      uploadId?: string;
      errors?: { message: string; extensions?: Record<string, unknown> }[];
    };
    if (response.ok && answer.uploadId) return { uploadId: answer.uploadId };
    return { problem: problemOf({ graphQLErrors: answer.errors ?? [] }) };
  } catch (error) {
    return { problem: { message: (error as Error).message, code: 'NETWORK', fields: {} } };
  }
}
