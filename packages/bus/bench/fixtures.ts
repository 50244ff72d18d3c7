export const phoneVerified = {
  wxUserId: '5f1d7c2e9b3a4c0012ab34cd', phone: '13812345678', verifiedAt: '2024-05-01T08:30:00.000Z'
}

export const verifyRequest = { phone: '13812345678', purpose: 'register', code: '123456' } as const
