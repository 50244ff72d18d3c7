/* The basic fields and the head image. */
window.resumeForm({ next: 'resume.html' })
