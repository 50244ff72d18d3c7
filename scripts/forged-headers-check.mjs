// A client that reaches the sms service directly, past the gateway, with made-up identity headers
// (the gateway's user and client IP) must be refused: only the gateway's signature makes them true.
export async function forgedHeadersCheck (sms, fail) {
  const forged = await fetch(`${sms}/wx/sms/get`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-wx-user-id': '0123456789abcdef01234567',
      'x-client-ip': '1.2.3.4'
    },
    body: 'phone=13700000001'
  })
  const answer = await forged.text()
  if (forged.status === 401) console.log(`run-like-compose: forged identity headers straight to sms: 401 ${answer}`)
  else fail(`forged identity headers straight to sms were not refused: ${forged.status} ${answer}`)
}
